"use strict";
/* The audit: a score from 0 to 10 or no answer for each question, and an optional comment.
   The answers stay on this phone until the laptop has them; sent again, they replace the first. */
(() => {
  let open = null;
  let questions = [];
  const form = document.getElementById("audit-form");

  function answers() {
    return questions.map((text, index) => {
      const chosen = form.querySelector(`input[name="q${index}"]:checked`);
      const value = chosen ? chosen.value : "";
      return { score: value === "" ? null : Number(value), comment: form.elements["c" + index].value };
    });
  }

  function restore(saved) {
    (saved || []).forEach((answer, index) => {
      if (index >= questions.length) return;
      const value = answer.score === null || answer.score === undefined ? "" : String(answer.score);
      const input = form.querySelector(`input[name="q${index}"][value="${value}"]`);
      if (input) input.checked = true;
      form.elements["c" + index].value = answer.comment || "";
    });
  }

  function build(state) {
    const box = document.getElementById("questions");
    box.replaceChildren();
    questions = state.public.questions;
    document.getElementById("title").textContent = state.public.title || "Partnership behaviours audit";
    questions.forEach((text, index) => {
      const set = Room.el("fieldset", { class: "card" });
      set.appendChild(Room.el("legend", { text: `${index + 1}. ${text}` }));
      const scores = Room.el("div", { class: "scores" });
      const choices = [];
      for (let n = state.public.lowest; n <= state.public.highest; n += 1) choices.push([String(n), String(n)]);
      choices.push(["", "No answer"]);
      choices.forEach(([value, label]) => {
        const input = Room.el("input", { type: "radio", name: "q" + index, value });
        if (value === "") input.checked = true;
        const span = Room.el("span", { text: label, class: value === "" ? "none" : "" });
        const choice = Room.el("label", {}, [input, span]);
        input.setAttribute("aria-label", value === "" ? `No answer to question ${index + 1}` : `${label} out of 10`);
        scores.appendChild(choice);
      });
      set.appendChild(scores);
      const id = "c" + index;
      set.appendChild(Room.el("label", { for: id, text: "Comment (optional)" }));
      set.appendChild(Room.el("textarea", { id, name: id, rows: "2", maxlength: "2000" }));
      box.appendChild(set);
    });
    restore(Room.drafts.get(open, "answers") || Room.drafts.get(open, "sent"));
    if (state.mine.answered) Room.status("Your answers are in. Change them and send again until the round closes.", "ok");
    if (Room.drafts.get(open, "pending")) send();
  }

  async function send() {
    const given = answers();
    Room.drafts.set(open, "answers", given);
    Room.drafts.set(open, "pending", true);
    Room.status("Sending…");
    try {
      const reply = await Room.post("/api/audit", { opening: open.number, answers: given });
      Room.drafts.set(open, "sent", given);
      Room.drafts.clear(open, "answers");
      Room.drafts.clear(open, "pending");
      Room.status(reply.replaced ? "Thank you: your new answers replace your first ones."
        : "Thank you: your answers are in. You can change them and send again until the round closes.", "ok");
    } catch (error) {
      if (!error.offline) Room.drafts.clear(open, "pending");
      Room.status(error.message, "error");
    }
  }

  form.addEventListener("change", () => { if (open) Room.drafts.set(open, "answers", answers()); });
  form.addEventListener("input", () => { if (open) Room.drafts.set(open, "answers", answers()); });
  form.addEventListener("submit", (event) => { event.preventDefault(); send(); });

  async function refresh() {
    let state;
    try { state = await Room.get("/api/state"); } catch (error) { Room.status(error.message, "error"); return; }
    if (!Room.follow(state.open, open)) return;
    const first = open === null;
    open = state.open;
    if (first) build(state);
    else if (Room.drafts.get(open, "pending")) send();
  }

  Room.start("audit", { opening: (next) => Room.follow(next, open), reconnected: refresh })
    .then((me) => { if (me) refresh(); });
})();
