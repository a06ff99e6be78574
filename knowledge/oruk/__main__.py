from knowledge.oruk.command import main

raise SystemExit(main())
