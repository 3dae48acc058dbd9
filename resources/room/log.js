"use strict";
/* The learning log: choose one's name once, then write; each field is saved as it is typed and
   kept on the phone until the laptop has it. */
(() => {
  let open = null;
  let built = false;
  const timers = {};
  const sending = {};

  function show(id, on) { document.getElementById(id).classList.toggle("hidden", !on); }

  function choose(state) {
    const people = document.getElementById("people");
    people.replaceChildren();
    state.public.people.forEach((person) => {
      people.appendChild(Room.el("button", { type: "button", text: person.name, onclick: async () => {
        try {
          await Room.post("/api/log/name", { participant: person.id });
          refresh();
        } catch (error) { Room.status(error.message, "error"); }
      } }));
    });
    if (!state.public.people.length) Room.status("Nobody is on this workshop's list yet. Ask the facilitator.", "error");
    show("choose", true);
    show("write", false);
  }

  function build(state) {
    const fields = document.getElementById("fields");
    fields.replaceChildren();
    [...state.public.steps, state.public.notes].forEach((step) => {
      const id = "field-" + step.field;
      const label = Room.el("label", { for: id, text: step.heading });
      label.appendChild(Room.el("span", { class: "hint", text: step.prompt }));
      const box = Room.el("textarea", { id, name: step.field, rows: "5" });
      const draft = Room.drafts.get(open, step.field);
      box.value = draft !== null ? draft : (state.mine.texts[step.field] || "");
      const saved = Room.el("div", { class: "saved", id: id + "-saved", "aria-live": "polite" });
      box.addEventListener("input", () => {
        Room.drafts.set(open, step.field, box.value);
        saved.textContent = "Saving…";
        clearTimeout(timers[step.field]);
        timers[step.field] = setTimeout(() => send(step.field), 600);
      });
      fields.append(label, box, saved);
      if (draft !== null && draft !== (state.mine.texts[step.field] || "")) send(step.field);
    });
    built = true;
  }

  async function send(field) {
    const box = document.getElementById("field-" + field);
    const saved = document.getElementById("field-" + field + "-saved");
    if (sending[field]) { sending[field].again = true; return; }
    sending[field] = { again: false };
    const text = box.value;
    try {
      await Room.post("/api/log/save", { opening: open.number, field, text });
      if (Room.drafts.get(open, field) === text) Room.drafts.clear(open, field);
      saved.textContent = "Saved";
    } catch (error) {
      saved.textContent = error.offline ? "Not sent yet: kept on this phone" : error.message;
    }
    const again = sending[field].again;
    sending[field] = null;
    if (again) send(field);
  }

  async function refresh() {
    let state;
    try { state = await Room.get("/api/state"); } catch (error) { Room.status(error.message, "error"); return; }
    if (!Room.follow(state.open, open)) return;
    open = state.open;
    document.getElementById("workshop").textContent = [state.public.workshop, state.public.date].filter(Boolean).join(", ");
    if (!state.mine.name) { built = false; choose(state); return; }
    Room.status("");
    document.getElementById("name").textContent = state.mine.name;
    document.getElementById("download").href = "/api/log.pdf?t=" + encodeURIComponent(Room.token);
    show("choose", false);
    show("write", true);
    if (!built) build(state);
    else Object.keys(state.mine.texts).forEach((field) => { if (Room.drafts.get(open, field) !== null) send(field); });
  }

  // Other people's writing changes nothing here: only a new opening, or a reconnection (to send
  // what was typed while asleep), needs a fresh look.
  Room.start("log", { opening: (next) => Room.follow(next, open), reconnected: refresh })
    .then((me) => { if (me) refresh(); });
})();
