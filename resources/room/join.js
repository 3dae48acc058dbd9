"use strict";
/* The join page: the code (from the QR code's address, or typed), then wait for an exercise. */
(() => {
  const form = document.getElementById("join-form");
  const code = document.getElementById("code");

  function waiting(open) {
    if (open) { Room.go(Room.pageFor(open)); return; }
    document.getElementById("join").classList.add("hidden");
    document.getElementById("waiting").classList.remove("hidden");
  }

  async function begin() {
    const given = new URLSearchParams(location.search).get("code");
    if (given) code.value = given.replace(/\D/g, "");
    try {
      const me = await Room.get("/api/me");
      Room.token = me.token;
      await Room.start(null, { opening: (open) => waiting(open) });
      waiting(me.open);
    } catch (error) {
      code.focus();
    }
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    Room.status("Joining…");
    try {
      const joined = await Room.post("/api/join", { code: code.value });
      Room.token = joined.token;
      Room.status("");
      await Room.start(null, { opening: (open) => waiting(open) });
      waiting(joined.open);
    } catch (error) {
      Room.status(error.message, "error");
    }
  });

  begin();
})();
