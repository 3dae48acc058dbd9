"use strict";
/* A post-it in one of the wall's zones, anonymous unless a name is typed. What is typed stays on
   this phone until the laptop has it; a post-it sent twice (a lost reply) is added once. */
(() => {
  let open = null;
  const form = document.getElementById("post-it-form");
  const text = document.getElementById("text");
  const author = document.getElementById("author");

  function draft() {
    const zone = form.querySelector('input[name="zone"]:checked');
    return { zone: zone ? zone.value : "", text: text.value, author: author.value };
  }

  function save() { if (open) Room.drafts.set(open, "draft", { ...(Room.drafts.get(open, "draft") || {}), ...draft() }); }

  function build(state) {
    const zones = document.getElementById("zones");
    zones.replaceChildren();
    state.public.zones.forEach((zone, index) => {
      const input = Room.el("input", { type: "radio", name: "zone", value: zone.key, id: "zone-" + index });
      if (index === 0) input.checked = true;
      const span = Room.el("span", {}, [Room.el("b", { text: zone.label }), document.createTextNode(zone.question)]);
      span.style.backgroundColor = zone.colour;
      zones.appendChild(Room.el("label", { for: "zone-" + index }, [input, span]));
    });
    document.getElementById("hidden-note").classList.toggle("hidden", !state.public.collect_hidden);
    const saved = Room.drafts.get(open, "draft");
    if (saved) {
      const zone = form.querySelector(`input[name="zone"][value="${CSS.escape(saved.zone || "")}"]`);
      if (zone) zone.checked = true;
      text.value = saved.text || "";
      author.value = saved.author || "";
      if (saved.nonce) send();
    }
    mine(state);
  }

  function mine(state) {
    const colours = {};
    state.public.zones.forEach((zone) => { colours[zone.key] = zone.colour; });
    const box = document.getElementById("mine");
    box.replaceChildren();
    state.mine.post_its.forEach((note) => {
      const card = Room.el("div", { class: "post-it", text: note.text });
      card.style.backgroundColor = colours[note.zone] || "#fff";
      box.appendChild(card);
    });
    document.getElementById("mine-heading").classList.toggle("hidden", !state.mine.post_its.length);
  }

  async function send() {
    const saved = { ...draft() };
    if (!saved.text.trim()) { Room.status("Write something on the post-it first.", "error"); return; }
    const stored = Room.drafts.get(open, "draft") || {};
    saved.nonce = stored.nonce && stored.text === saved.text ? stored.nonce : String(Date.now()) + Math.random().toString(16).slice(2);
    Room.drafts.set(open, "draft", saved);
    document.getElementById("add").disabled = true;
    Room.status("Adding…");
    try {
      const reply = await Room.post("/api/postit", { opening: open.number, zone: saved.zone, text: saved.text, author: saved.author, nonce: saved.nonce });
      // The name goes with this post-it only: the next one is anonymous unless a name is typed again.
      Room.drafts.set(open, "draft", { zone: saved.zone, text: "", author: "" });
      if (text.value === saved.text) text.value = "";
      if (author.value === saved.author) author.value = "";
      Room.status(reply.hidden ? "Added. It stays hidden until the facilitator reveals the wall." : "Added to the wall.", "ok");
      refresh();
    } catch (error) {
      if (!error.offline) Room.drafts.set(open, "draft", { ...saved, nonce: undefined });
      Room.status(error.message, "error");
    }
    document.getElementById("add").disabled = false;
  }

  form.addEventListener("input", save);
  form.addEventListener("change", save);
  form.addEventListener("submit", (event) => { event.preventDefault(); send(); });

  async function refresh() {
    let state;
    try { state = await Room.get("/api/state"); } catch (error) { Room.status(error.message, "error"); return; }
    if (!Room.follow(state.open, open)) return;
    const first = open === null;
    open = state.open;
    if (first) build(state);
    else {
      mine(state);
      const saved = Room.drafts.get(open, "draft");
      if (saved && saved.nonce) send();
    }
  }

  Room.start("postit", { opening: (next) => Room.follow(next, open), reconnected: refresh })
    .then((me) => { if (me) refresh(); });
})();
