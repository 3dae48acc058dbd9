/* Shared by every room page: the device's token, requests, the pushed updates, and drafts
   kept on the phone until the laptop has them. User text is only ever set with textContent. */
"use strict";

const Room = (() => {
  let token = null;
  let socket = null;
  let retry = 500;
  let onChange = () => {};
  let onOpening = () => {};
  let onReconnect = () => {};
  let connectedOnce = false;
  let leaving = false;
  const PAGES = { audit: "/audit", postit: "/postit", dots: "/dots", log: "/log" };

  function el(tag, props, children) {
    const node = document.createElement(tag);
    Object.entries(props || {}).forEach(([key, value]) => {
      if (key === "text") node.textContent = value;
      else if (key === "class") node.className = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value);
    });
    (children || []).forEach((child) => node.appendChild(child));
    return node;
  }

  function status(text, kind) {
    const box = document.getElementById("status");
    if (!box) return;
    box.textContent = text || "";
    box.className = "status" + (kind ? " " + kind : "");
  }

  function connection(text, ok) {
    const box = document.getElementById("connection");
    if (!box) return;
    box.textContent = text;
    box.className = "connection" + (ok ? " ok" : "");
  }

  async function request(method, path, body) {
    const headers = { "Accept": "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (token) headers["X-Room-Token"] = token;
    let response;
    try {
      response = await fetch(path, {
        method, headers, credentials: "same-origin", cache: "no-store",
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      const failure = new Error("Not connected. What you typed is kept on this phone.");
      failure.offline = true;
      throw failure;
    }
    let data = {};
    try { data = await response.json(); } catch (error) { data = {}; }
    if (!response.ok) {
      const failure = new Error(data.error || "Something went wrong. Try again.");
      failure.status = response.status;
      throw failure;
    }
    return data;
  }

  /* Go to another page once: a second call while the first is on its way would abort it. */
  function go(url, reload) {
    if (leaving) return;
    leaving = true;
    if (reload) location.reload();
    else location.replace(url);
  }

  // A page brought back from the back-forward cache may move again.
  window.addEventListener("pageshow", (event) => { if (event.persisted) leaving = false; });

  function pageFor(open) {
    return open ? PAGES[open.task] || "/" : "/";
  }

  /* On a task page: the device's token, or back to the join page if it has none. */
  async function start(task, handlers) {
    onChange = handlers.changed || onChange;
    onOpening = handlers.opening || onOpening;
    onReconnect = handlers.reconnected || onReconnect;
    let me;
    try {
      me = await request("GET", "/api/me");
    } catch (error) {
      if (error.status === 401) { go("/"); return null; }
      status(error.message, "error");
      setTimeout(() => start(task, handlers), 3000);
      return null;
    }
    token = me.token;
    if (task && pageFor(me.open) !== location.pathname) { go(pageFor(me.open)); return null; }
    listen();
    ["online", "focus", "pageshow"].forEach((name) => window.addEventListener(name, wake));
    document.addEventListener("visibilitychange", () => { if (!document.hidden) wake(); });
    return me;
  }

  function wake() {
    if (!socket || socket.readyState > 1) { retry = 500; listen(); }
  }

  function listen() {
    if (socket && socket.readyState <= 1) return;
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + "/ws");
    socket.addEventListener("open", () => {
      retry = 500;
      connection("Connected", true);
      if (connectedOnce) { status(""); onReconnect(); }
      connectedOnce = true;
    });
    socket.addEventListener("message", (event) => {
      let message;
      try { message = JSON.parse(event.data); } catch (error) { return; }
      if (message.type === "changed") onOpening(message.open, message.version);
    });
    socket.addEventListener("close", (event) => {
      connection("Reconnecting…", false);
      socket = null;
      if (event.code === 1001) status("The room has closed. Your typing is kept on this phone.", "error");
      setTimeout(async () => {
        try { await request("GET", "/api/me"); } catch (error) {
          if (error.status === 401) { go("/"); return; }
        }
        listen();
      }, retry);
      retry = Math.min(retry * 2, 8000);
    });
  }

  function follow(open, current) {
    /* A different exercise (or none) is open: go to its page; typing stays in this phone's storage. */
    const page = pageFor(open);
    if (leaving) return false;
    if (page !== location.pathname) { go(page); return false; }
    if (current && open && open.number !== current.number) { go(null, true); return false; }
    return true;
  }

  const drafts = {
    key(open, name) { return "partnerdesk-room:" + open.task + ":" + open.number + ":" + open.title + ":" + name; },
    get(open, name) { try { return JSON.parse(localStorage.getItem(drafts.key(open, name))); } catch (e) { return null; } },
    set(open, name, value) { try { localStorage.setItem(drafts.key(open, name), JSON.stringify(value)); } catch (e) { /* private mode: kept in the page only */ } },
    clear(open, name) { try { localStorage.removeItem(drafts.key(open, name)); } catch (e) { /* nothing kept */ } },
  };

  return {
    el, status, request, start, follow, drafts, pageFor, go,
    get token() { return token; },
    set token(value) { token = value; },
    get: (path) => request("GET", path),
    post: (path, body) => request("POST", path, body),
  };
})();
