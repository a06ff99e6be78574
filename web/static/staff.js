// The staff console's forms send JSON to the staff API with the session's CSRF token,
// and a case page shows the family's new messages as they arrive. Everything a family
// typed is put on the page as text (textContent), never as HTML.
"use strict";

const csrfToken = () => document.querySelector('meta[name="csrf-token"]')?.content || "";

function showProblem(text) {
  const problem = document.getElementById("problem");
  problem.textContent = text;
  problem.hidden = false;
  problem.scrollIntoView({ block: "center" });
}

function fieldsOf(form) {
  // data-lists names the fields sent as lists (a group of checkboxes), even when empty.
  const data = new FormData(form);
  const lists = (form.dataset.lists || "").split(" ").filter(Boolean);
  const fields = Object.fromEntries([...data.keys()].map((key) => [key, data.get(key)]));
  lists.forEach((key) => { fields[key] = data.getAll(key); });
  return fields;
}

async function send(form) {
  const fields = fieldsOf(form);
  const options = {
    method: "POST",
    credentials: "same-origin",
    headers: { "X-CSRF-Token": csrfToken() },
  };
  if (Object.keys(fields).length) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(fields);
  }
  let response;
  try {
    response = await fetch(form.dataset.api, options);
  } catch {
    showProblem("The console could not reach the server. Check your connection and try again.");
    return;
  }
  if (response.ok) {
    window.location.assign(form.dataset.next || window.location.href);
    return;
  }
  if (response.status === 401) {
    window.location.assign("/staff/login");
    return;
  }
  const answer = await response.json().catch(() => ({}));
  showProblem(answer.detail || "That did not work. Please try again.");
}

document.addEventListener("submit", (event) => {
  const form = event.target.closest("form[data-api]");
  if (!form) return;
  event.preventDefault();
  const button = form.querySelector("button[type=submit]");
  if (button) button.disabled = true;
  send(form).finally(() => { if (button) button.disabled = false; });
});

function messageItem(message) {
  const item = document.createElement("li");
  item.className = `from-${message.sender}`;
  item.dataset.id = message.id;
  const who = document.createElement("span");
  who.className = "who";
  who.textContent = message.sender === "staff" ? message.staff_name : "Family";
  const text = document.createElement("p");
  text.textContent = message.text;
  item.append(who, " ", text);
  return item;
}

async function followCase(list) {
  const ids = [...list.querySelectorAll("li[data-id]")].map((li) => Number(li.dataset.id));
  const after = ids.length ? Math.max(...ids) : 0;
  try {
    const response = await fetch(`/api/staff/escalations/${list.dataset.case}/messages?after=${after}`,
                                 { credentials: "same-origin" });
    if (response.ok) {
      const messages = await response.json();
      if (messages.length) list.querySelector("li.empty")?.remove();
      messages.forEach((message) => list.append(messageItem(message)));
    }
  } finally {
    setTimeout(() => followCase(list), 1000);
  }
}

const caseMessages = document.getElementById("case-messages");
if (caseMessages) setTimeout(() => followCase(caseMessages), 1000);
