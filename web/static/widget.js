/* The Anyshire SEND assistant chat widget. One <script src=".../widget.js"> adds it to a page.
   Plain JavaScript: every message is shown with textContent, so nothing a person or the
   server sends can run as code. */
(function () {
  "use strict";
  var script = document.currentScript;
  var base = new URL(script.src, window.location.href).origin;
  var council = script.getAttribute("data-council") || "the council";
  var storageKey = "send-assistant-session";
  var handoffKey = "send-assistant-handoff";   // the id of the last staff message shown

  function sessionId() {
    var id = window.sessionStorage.getItem(storageKey);
    if (!id) {
      var bytes = new Uint8Array(16);
      window.crypto.getRandomValues(bytes);
      id = Array.prototype.map.call(bytes, function (b) {
        return ("0" + b.toString(16)).slice(-2);
      }).join("");
      window.sessionStorage.setItem(storageKey, id);
    }
    return id;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  var style = element("link");
  style.rel = "stylesheet";
  style.href = base + "/static/widget.css";
  document.head.appendChild(style);

  var launcher = element("button", "send-chat-launcher", "Ask the SEND assistant");
  launcher.type = "button";
  launcher.setAttribute("aria-expanded", "false");
  launcher.setAttribute("aria-controls", "send-chat-panel");

  var panel = element("div", "send-chat");
  panel.id = "send-chat-panel";
  panel.hidden = true;
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-labelledby", "send-chat-title");

  var header = element("div", "send-chat__header");
  var title = element("h2", "", council + " SEND assistant");
  title.id = "send-chat-title";
  var close = element("button", "send-chat__close", "\u00d7");
  close.type = "button";
  close.setAttribute("aria-label", "Close the chat");
  header.appendChild(title);
  header.appendChild(close);

  var log = element("div", "send-chat__log");
  log.setAttribute("role", "log");
  log.setAttribute("aria-live", "polite");

  var form = element("form", "send-chat__form");
  var label = element("label", "send-chat__visually-hidden", "Type your question");
  label.setAttribute("for", "send-chat-input");
  var input = element("textarea");
  input.id = "send-chat-input";
  input.rows = 2;
  input.maxLength = 2000;
  var send = element("button", "", "Send");
  send.type = "submit";
  form.appendChild(label);
  form.appendChild(input);
  form.appendChild(send);

  panel.appendChild(header);
  panel.appendChild(log);
  panel.appendChild(form);
  document.body.appendChild(launcher);
  document.body.appendChild(panel);

  function show(text, who, from) {
    var message = element("p", "send-chat__message send-chat__message--" + who);
    if (from) message.appendChild(element("span", "send-chat__from", from));
    message.appendChild(document.createTextNode(text));
    log.appendChild(message);
    log.scrollTop = log.scrollHeight;
  }

  function showButtons(buttons) {
    var group = element("div", "send-chat__buttons");
    buttons.forEach(function (b) {
      var button = element("button", "", b.title);
      button.type = "button";
      button.addEventListener("click", function () { ask(b.payload, b.title); });
      group.appendChild(button);
    });
    log.appendChild(group);
  }

  // While a person from the SEND team has the conversation, fetch their replies every
  // second; the last one shown is kept in sessionStorage, so moving page loses nothing.
  var following = false;

  function followStaff() {
    if (following) return;
    following = true;
    if (window.sessionStorage.getItem(handoffKey) === null) window.sessionStorage.setItem(handoffKey, "0");
    pollStaff();
  }

  function pollStaff() {
    var after = window.sessionStorage.getItem(handoffKey) || "0";
    fetch(base + "/api/chat/" + sessionId() + "/messages?after=" + after).then(function (response) {
      return response.json();
    }).then(function (body) {
      body.messages.forEach(function (m) {
        show(m.text, "staff", m.staff_name + ", " + council + " SEND Team");
        if (m.buttons && m.buttons.length) showButtons(m.buttons);
        window.sessionStorage.setItem(handoffKey, String(m.id));
      });
      if (body.handoff) { setTimeout(pollStaff, 1000); return; }
      following = false;
      window.sessionStorage.removeItem(handoffKey);
    }).catch(function () { setTimeout(pollStaff, 3000); });
  }

  function ask(message, shownAs) {
    show(shownAs || message, "user");
    send.disabled = true;
    fetch(base + "/api/chat", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ session_id: sessionId(), message: message })
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (result) {
      if (!result.ok) { show(result.body.detail || "Sorry, something went wrong.", "error"); return; }
      result.body.messages.forEach(function (m) {
        show(m.text, "bot");
        if (m.buttons && m.buttons.length) showButtons(m.buttons);
      });
      if (result.body.handoff) followStaff();
    }).catch(function () {
      show("Sorry, I could not connect. Please check your internet connection and try again.", "error");
    }).then(function () { send.disabled = false; });
  }

  function open() {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    if (!log.childNodes.length) ask("hello", "Hello");
    input.focus();
  }

  function shut() {
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    launcher.focus();
  }

  if (window.sessionStorage.getItem(handoffKey) !== null) followStaff();
  launcher.addEventListener("click", function () { panel.hidden ? open() : shut(); });
  close.addEventListener("click", shut);
  panel.addEventListener("keydown", function (event) { if (event.key === "Escape") shut(); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { input.focus(); return; }
    input.value = "";
    ask(text);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
  });
})();
