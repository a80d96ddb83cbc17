// File a ticket: title, description and attachments, with the contract's
// limits checked as one types and the server's field errors shown next to
// their field.
import { clearProblem, meta, pb, showProblem } from "../api.js";
import { filePicker } from "../attachments.js";
import { busy, field, h } from "../dom.js";

/** render shows the new-ticket form. */
export function render(ctx) {
  const lim = meta.limits;
  const title = field("Title", h("input", { name: "title", required: true, minlength: lim.title_min, maxlength: lim.title_max, autocomplete: "off" }),
    "One line: what is wrong, e.g. “VPN drops every 10 minutes”.");
  const description = field("What happened?", h("textarea", { name: "description", required: true, maxlength: lim.description_max, rows: 8 }),
    "What you did, what you expected, what happened instead, and since when.");
  const files = filePicker();
  const summary = h("p", { class: "form-error", role: "alert", hidden: true });
  const submit = h("button", { type: "submit", class: "primary" }, "File ticket");
  const form = h("form", { id: "new-ticket", class: "panel form", novalidate: true },
    summary, title, description, files.node,
    h("div", { class: "form-actions" }, submit, h("a", { href: "#/my", class: "button ghost" }, "Cancel")));

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearProblem(form, summary);
    const t = title.control.value.trim();
    const d = description.control.value.trim();
    let ok = files.check();
    if (t.length < lim.title_min) {
      title.error.textContent = `Give the ticket a title of at least ${lim.title_min} characters.`;
      title.control.setAttribute("aria-invalid", "true");
      ok = false;
    }
    if (!d) {
      description.error.textContent = "Describe the problem so we can help.";
      description.control.setAttribute("aria-invalid", "true");
      ok = false;
    }
    if (!ok) {
      summary.textContent = "Check the fields marked below.";
      summary.hidden = false;
      form.querySelector("[aria-invalid=true]")?.focus();
      return;
    }
    try {
      const body = { title: t, description: d };
      const picked = files.files();
      if (picked.length) body.attachments = picked;
      const created = await busy(submit, picked.length ? "Uploading…" : "Filing…", () => pb.collection("tickets").create(body));
      location.hash = `#/tickets/${created.id}`;
    } catch (err) {
      showProblem(form, summary, err);
    }
  });

  ctx.view.replaceChildren(h("section", { class: "page narrow" },
    h("div", { class: "page-head" }, h("div", {}, h("h1", {}, "New ticket"),
      h("p", { class: "muted" }, "Tell us what's wrong. We'll read it right away and route it to the person who knows best."))),
    form));
  title.control.focus();
}
