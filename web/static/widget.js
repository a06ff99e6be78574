/* The SEND assistant chat widget. One line adds it to any page:
     <script src="https://<host>/widget.js" data-council="Anyshire"></script>
   Optional attributes: data-colour, data-greeting, data-audience="young_person".
   The server's settings (GET /api/widget/settings) fill in what the page does not say.
   Plain JavaScript: every message is put on the page as text (textContent), so nothing a
   person, a member of staff or the server sends can run as code. */
(function () {
  "use strict";
  var script = document.currentScript;
  var base = new URL(script.src, window.location.href).origin;
  var store = window.sessionStorage;   // this tab only: gone when the tab closes
  var KEY = {
    session: "send-assistant-session",
    messages: "send-assistant-messages",
    handoff: "send-assistant-handoff",     // the id of the last staff message shown
    open: "send-assistant-open"
  };
  var SOURCES = "Where this comes from:";
  var attribute = function (name) { return script.getAttribute("data-" + name) || ""; };

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function button(text, className, onClick) {
    var node = element("button", className, text);
    node.type = "button";
    node.addEventListener("click", onClick);
    return node;
  }

  function sessionId() {
    var id = store.getItem(KEY.session);
    if (!id) {
      var bytes = new Uint8Array(16);
      window.crypto.getRandomValues(bytes);
      id = Array.prototype.map.call(bytes, function (b) {
        return ("0" + b.toString(16)).slice(-2);
      }).join("");
      store.setItem(KEY.session, id);
    }
    return id;
  }

  function savedMessages() {
    try { return JSON.parse(store.getItem(KEY.messages)) || []; } catch (e) { return []; }
  }

  var stylesheet = element("link");
  stylesheet.rel = "stylesheet";
  stylesheet.href = base + "/static/widget.css";
  document.head.appendChild(stylesheet);

  // ---- the parts of the widget ----
  var launcher = element("button", "send-chat-launcher", "Ask the SEND assistant");
  launcher.type = "button";
  launcher.setAttribute("aria-expanded", "false");
  launcher.setAttribute("aria-controls", "send-chat-panel");

  var panel = element("section", "send-chat");
  panel.id = "send-chat-panel";
  panel.hidden = true;
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-labelledby", "send-chat-title");

  var header = element("div", "send-chat__header");
  var title = element("h2", "", "SEND assistant");
  title.id = "send-chat-title";
  title.tabIndex = -1;
  var close = button("\u00d7", "send-chat__close", function () { shut(); });
  close.setAttribute("aria-label", "Close the chat");
  header.appendChild(title);
  header.appendChild(close);

  var tools = element("div", "send-chat__tools");
  tools.appendChild(button("Talk to a person", "", function () {
    ask("/ask_for_person", "Talk to a person");
  }));
  tools.appendChild(button("Start again", "", startAgain));
  tools.appendChild(button("Save the conversation", "", download));

  var notice = element("div", "send-chat__notice");
  notice.id = "send-chat-notice";

  var log = element("div", "send-chat__log");
  log.setAttribute("role", "log");
  log.setAttribute("aria-live", "polite");
  log.setAttribute("aria-label", "Conversation");
  log.tabIndex = 0;

  var typing = element("p", "send-chat__typing");
  typing.setAttribute("role", "status");

  var form = element("form", "send-chat__form");
  var label = element("label", "send-chat__label", "Type your question");
  label.setAttribute("for", "send-chat-input");
  var input = element("textarea");
  input.id = "send-chat-input";
  input.rows = 2;
  input.maxLength = 2000;
  input.setAttribute("aria-describedby", "send-chat-notice");
  var send = element("button", "send-chat__send", "Send");
  send.type = "submit";
  form.appendChild(label);
  form.appendChild(input);
  form.appendChild(send);

  [header, tools, notice, log, typing, form].forEach(function (part) { panel.appendChild(part); });
  // A landmark of its own, so the chat is easy to find with a screen reader.
  var root = element("aside", "send-chat-root");
  root.setAttribute("aria-label", "SEND assistant chat");
  root.appendChild(launcher);
  root.appendChild(panel);
  document.body.appendChild(root);

  // ---- settings: the page's attributes first, then the server's ----
  var settings = { council: attribute("council"), colour: attribute("colour"),
                   greeting: attribute("greeting"), audience: attribute("audience"),
                   privacy: [] };

  function applySettings() {
    title.textContent = (settings.council ? settings.council + " " : "") + "SEND assistant";
    if (/^#[0-9a-fA-F]{3,8}$/.test(settings.colour)) {
      panel.style.setProperty("--send-chat-colour", settings.colour);
      launcher.style.setProperty("--send-chat-colour", settings.colour);
    }
    notice.textContent = "";
    if (settings.privacy.length) {
      notice.appendChild(element("h3", "", "Before you start"));
      settings.privacy.forEach(function (line) { notice.appendChild(element("p", "", line)); });
    }
    notice.hidden = savedMessages().length > 0 || !settings.privacy.length;
    if (!panel.hidden) greet();
  }

  fetch(base + "/api/widget/settings").then(function (response) {
    return response.ok ? response.json() : {};
  }).then(function (server) {
    ["council", "colour", "greeting"].forEach(function (key) {
      settings[key] = settings[key] || server[key] || "";
    });
    settings.privacy = server.privacy || [];
    applySettings();
  }).catch(applySettings);

  // ---- showing messages ----
  // Web addresses in a message become links that open in a new tab, safely.
  function addText(parent, text) {
    text.split(/(https?:\/\/[^\s<>"')]+[^\s<>"').,;:!?])/).forEach(function (part, i) {
      if (i % 2 === 0) { if (part) parent.appendChild(document.createTextNode(part)); return; }
      var link = element("a", "", part);
      link.href = part;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      link.appendChild(element("span", "send-chat__hidden", " (opens in a new tab)"));
      parent.appendChild(link);
    });
  }

  function render(entry, withButtons) {
    var message = element("div", "send-chat__message send-chat__message--" + entry.who);
    if (entry.from) message.appendChild(element("p", "send-chat__from", entry.from));
    var at = entry.text.indexOf(SOURCES);
    var body = element("p");
    addText(body, at >= 0 ? entry.text.slice(0, at).trim() : entry.text);
    message.appendChild(body);
    if (at >= 0) {
      var sources = element("p", "send-chat__sources");
      sources.appendChild(element("strong", "", SOURCES));
      addText(sources, entry.text.slice(at + SOURCES.length).trim());
      message.appendChild(sources);
    }
    log.appendChild(message);
    if (withButtons && entry.buttons && entry.buttons.length) {
      var group = element("div", "send-chat__buttons");
      entry.buttons.forEach(function (b) {
        group.appendChild(button(b.title, "", function () { ask(b.payload, b.title); }));
      });
      log.appendChild(group);
    }
    log.scrollTop = log.scrollHeight;
  }

  function show(entry) {
    var saved = savedMessages();
    saved.push(entry);
    store.setItem(KEY.messages, JSON.stringify(saved));
    notice.hidden = true;
    render(entry, true);
  }

  function showProblem(text, retry) {
    var problem = element("div", "send-chat__message send-chat__message--error");
    problem.setAttribute("role", "alert");
    problem.appendChild(element("p", "", text));
    if (retry) {
      problem.appendChild(button("Try again", "send-chat__retry", function () {
        problem.remove();
        retry();
      }));
    }
    log.appendChild(problem);
    log.scrollTop = log.scrollHeight;
  }

  function setTyping(on) {
    typing.textContent = on ? "The assistant is writing a reply\u2026" : "";
    typing.classList.toggle("send-chat__typing--on", on);
    send.disabled = on;
  }

  // ---- talking to the server ----
  function post(message) {
    var body = { session_id: sessionId(), message: message };
    if (settings.audience) body.audience = settings.audience;
    setTyping(true);
    fetch(base + "/api/chat", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (answer) {
        return { status: response.status, answer: answer };
      });
    }).then(function (result) {
      setTyping(false);
      if (result.status !== 200) {
        // Sending the same message again helps only when the fault was on our side.
        var worthRetrying = result.status >= 500 || result.status === 429;
        showProblem(result.answer.detail || "Sorry, something went wrong on our side.",
                    worthRetrying ? function () { post(message); } : null);
        return;
      }
      result.answer.messages.forEach(function (m) {
        show({ who: "bot", text: m.text, buttons: m.buttons });
      });
      if (result.answer.handoff) followStaff();
    }).catch(function () {
      setTyping(false);
      showProblem("Sorry, I could not connect. Please check your internet connection.",
                  function () { post(message); });
    });
  }

  function ask(message, shownAs) {
    show({ who: "user", text: shownAs || message });
    post(message);
  }

  // While someone from the SEND Team has the conversation, fetch their replies every
  // second; the last one shown is remembered, so moving to another page loses nothing.
  var following = false;

  function followStaff() {
    if (following) return;
    following = true;
    if (store.getItem(KEY.handoff) === null) store.setItem(KEY.handoff, "0");
    pollStaff();
  }

  function pollStaff() {
    fetch(base + "/api/chat/" + sessionId() + "/messages?after=" + store.getItem(KEY.handoff))
      .then(function (response) { return response.json(); })
      .then(function (body) {
        body.messages.forEach(function (m) {
          show({ who: "staff", text: m.text, buttons: m.buttons,
                 from: m.staff_name + ", " + (settings.council ? settings.council + " " : "") +
                       "SEND Team" });
          store.setItem(KEY.handoff, String(m.id));
        });
        if (body.handoff) { setTimeout(pollStaff, 1000); return; }
        following = false;
        store.removeItem(KEY.handoff);
      })
      .catch(function () { setTimeout(pollStaff, 3000); });
  }

  // ---- the tools ----
  function startAgain() {
    store.removeItem(KEY.messages);
    log.textContent = "";
    greet();
    post("/start_again");
  }

  function download() {
    var lines = savedMessages().map(function (entry) {
      var who = entry.who === "user" ? "You" : entry.from || "SEND assistant";
      return who + ":\n" + entry.text + "\n";
    });
    var file = new Blob([title.textContent + " conversation\n\n" + lines.join("\n")],
                        { type: "text/plain" });
    var link = element("a");
    link.href = URL.createObjectURL(file);
    link.download = "send-assistant-conversation.txt";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  // ---- opening and closing ----
  function greet() {
    if (!log.childNodes.length && settings.greeting) {
      render({ who: "greeting", text: settings.greeting }, false);
    }
  }

  function open() {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    store.setItem(KEY.open, "1");
    greet();
    input.focus();
  }

  function shut() {
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    store.removeItem(KEY.open);
    launcher.focus();
  }

  launcher.addEventListener("click", function () { if (panel.hidden) open(); else shut(); });
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

  // A conversation carries on from page to page of the site.
  var saved = savedMessages();
  saved.forEach(function (entry, i) { render(entry, i === saved.length - 1); });
  if (store.getItem(KEY.handoff) !== null) followStaff();
  if (store.getItem(KEY.open)) { panel.hidden = false; launcher.setAttribute("aria-expanded", "true"); }
})();
