"use strict";
/* Dots: the wall's post-its that are showing, each with a button to place a dot and one to take
   it back, within this phone's allowance. The wall updates as the facilitator reveals more. */
(() => {
  let open = null;
  let busy = false;

  function draw(state) {
    const colours = {};
    const wall = document.getElementById("wall");
    wall.replaceChildren();
    state.public.zones.forEach((zone) => { colours[zone.key] = zone.colour; });
    const left = state.mine.dots_left;
    document.getElementById("dots-left").textContent =
      `Dots left: ${left} of ${state.public.dots}`;
    let zone = null;
    state.public.post_its.forEach((note) => {
      if (note.zone !== zone) {
        zone = note.zone;
        const found = state.public.zones.find((z) => z.key === zone);
        wall.appendChild(Room.el("h2", { text: found ? found.question : zone }));
      }
      const placed = state.mine.dots[note.id] || 0;
      const card = Room.el("div", { class: "post-it" });
      card.style.backgroundColor = colours[note.zone] || "#fff";
      card.appendChild(Room.el("div", { text: note.text }));
      const add = Room.el("button", { type: "button", text: "Add a dot", onclick: () => dot(note.id, 1) });
      const back = Room.el("button", { type: "button", text: "Take back", onclick: () => dot(note.id, -1) });
      add.disabled = left <= 0;
      back.disabled = placed <= 0;
      add.setAttribute("aria-label", `Add a dot to: ${note.text}`);
      back.setAttribute("aria-label", `Take back a dot from: ${note.text}`);
      const count = Room.el("span", { class: "mine", text: placed ? `Your dots: ${placed}` : "" });
      card.appendChild(Room.el("div", { class: "row" }, [add, back]));
      card.appendChild(count);
      wall.appendChild(card);
    });
    if (!state.public.post_its.length) wall.appendChild(Room.el("p", { class: "lead", text: "No post-its are showing yet." }));
  }

  async function dot(id, step) {
    if (busy) return;
    busy = true;
    try {
      await Room.post("/api/dot", { opening: open.number, post_it: id, step });
      Room.status(step > 0 ? "Dot placed." : "Dot taken back.", "ok");
    } catch (error) {
      Room.status(error.message, "error");
    }
    busy = false;
    refresh();
  }

  async function refresh() {
    let state;
    try { state = await Room.get("/api/state"); } catch (error) { Room.status(error.message, "error"); return; }
    if (!Room.follow(state.open, open)) return;
    open = state.open;
    draw(state);
  }

  Room.start("dots", { opening: (next) => { if (Room.follow(next, open)) refresh(); }, reconnected: refresh })
    .then((me) => { if (me) refresh(); });
})();
