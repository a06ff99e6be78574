"""Import a council's Open Referral UK (ORUK) feed into the Local Offer.

Councils publish their service directories as ORUK feeds. This command reads one
feed and writes it as `local_offer/imported/<name>.yml`, a readable source file
that `knowledge.sources.load_directory` checks like the hand-written ones, then
rebuilds the knowledge base. It reads JSON from the API (a `/services` page, one
`/services/{id}`, a plain list of services, or an ORUK 1.0 export with
`eligibility`, `service_taxonomy` and `regular_schedule`) or a folder holding the
CSV package (`services.csv`, `organizations.csv`, `locations.csv`, ...).

Every id is prefixed with the feed's name, so imported records never clash with
hand-written ones and importing the same feed again replaces its file. A record
that cannot be imported is reported with its id (or position) and the reason;
the others still import. Nothing is invented: a detail the feed leaves out is
written as a plain sentence saying so. If the rebuild fails, the previous feed
file and knowledge base are left exactly as they were.

    python -m knowledge.oruk SOURCE --name NAME [--sources FOLDER] [--db FILE]
    python -m knowledge.oruk exports/services.json --name anyshire-feed
    python -m knowledge.oruk exports/csv/ --name anyshire-feed --db var/knowledge.db

The work is split by step: `feeds` reads a source, `convert` turns its records
into Local Offer records, and `command` writes the feed file, rebuilds the
knowledge base and runs the command line.
"""
