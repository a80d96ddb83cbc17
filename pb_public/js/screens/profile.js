// One's own profile: name, notification mails, skills (staff) and password.
import { clearProblem, hasUserField, isStaff, me, meta, pb, refreshSession, showProblem, signIn } from "../api.js";
import { announce, busy, field, h } from "../dom.js";
import { label } from "../format.js";

/** skillsText and parseSkills convert a skills list to and from "a, b, c". */
export const skillsText = (list) => (list ?? []).join(", ");
export const parseSkills = (text) => text.split(",").map((s) => s.trim()).filter(Boolean);

function section(id, title, intro, fields, submitLabel, action) {
  const summary = h("p", { class: "form-error", role: "alert", hidden: true });
  const submit = h("button", { type: "submit", class: "primary" }, submitLabel);
  const form = h("form", { class: "card form", id, novalidate: true, "aria-labelledby": `${id}-title` },
    h("h2", { id: `${id}-title`, class: "card-title" }, title), intro ? h("p", { class: "muted" }, intro) : null,
    summary, ...fields, h("div", { class: "form-actions" }, submit));
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearProblem(form, summary);
    try {
      await busy(submit, "Saving…", () => action(form));
    } catch (err) {
      showProblem(form, summary, err);
    }
  });
  return form;
}

/** render shows the profile forms. */
export function render(ctx) {
  const user = me();
  const lim = meta.limits;
  const name = field("Name", h("input", { name: "name", value: user.name, required: true, minlength: lim.name_min, maxlength: lim.name_max, autocomplete: "name" }));
  const mails = h("input", { type: "checkbox", name: "mails", checked: !user.mute_notifications, role: "switch" });
  const mailsField = field("Email me about my tickets (replies, assignments, resolution)", mails);
  mailsField.dataset.field = "mute_notifications";
  const fields = [name, mailsField];
  let skills = null;
  if (isStaff()) {
    skills = field("Skills", h("input", { name: "skills", value: skillsText(user.skills), autocomplete: "off" }),
      `Comma-separated, e.g. “vpn, printers, billing”. New tickets that need them come to you. At most ${lim.skills_max}.`);
    fields.push(skills);
  }
  // routing: away and capacity, where the server has them (staff only)
  let away = null;
  let maxOpen = null;
  if (isStaff() && hasUserField("away")) {
    away = h("input", { type: "checkbox", name: "away", checked: !!user.away, role: "switch" });
    fields.push(field("I'm away", away, "While you are away no new ticket is assigned to you, and your open tickets are handed to others who fit."));
  }
  if (isStaff() && hasUserField("max_open")) {
    maxOpen = field("Most open tickets at once", h("input", { type: "number", name: "max_open", min: 0, step: 1, value: user.max_open ?? 0, inputmode: "numeric" }),
      "The routing gives you no more open tickets than this. 0 = no limit.");
    fields.push(maxOpen);
  }
  const details = section("profile", "Your details", `${user.email} · ${label("role", user.role)}`, fields, "Save", async () => {
    const data = {};
    if (name.control.value.trim() !== user.name) data.name = name.control.value.trim();
    if (mails.checked === !!user.mute_notifications) data.mute_notifications = !mails.checked;
    if (away && away.checked !== !!user.away) data.away = away.checked;
    if (maxOpen && Number(maxOpen.control.value) !== Number(user.max_open ?? 0)) data.max_open = Number(maxOpen.control.value);
    if (skills && skillsText(parseSkills(skills.control.value)) !== skillsText(user.skills)) data.skills = parseSkills(skills.control.value);
    if (!Object.keys(data).length) {
      announce("Nothing to save.");
      return;
    }
    await pb.collection("users").update(user.id, data);
    await refreshSession();
    announce("Profile saved.");
  });

  const current = field("Current password", h("input", { name: "oldPassword", type: "password", autocomplete: "current-password", required: true }));
  const next = field("New password", h("input", { name: "password", type: "password", autocomplete: "new-password", required: true, minlength: lim.password_min }), `At least ${lim.password_min} characters.`);
  const again = field("Repeat the new password", h("input", { name: "passwordConfirm", type: "password", autocomplete: "new-password", required: true }));
  const password = section("password", "Change password", "You stay signed in on this device.", [current, next, again], "Change password", async (form) => {
    const v = Object.fromEntries(new FormData(form).entries());
    await pb.collection("users").update(user.id, v);
    // a new password ends every session: sign in again with it here
    await signIn(user.email, v.password);
    form.reset();
    announce("Password changed.");
  });

  ctx.view.replaceChildren(h("section", { class: "page narrow" },
    h("div", { class: "page-head" }, h("div", {}, h("h1", {}, "Your profile"))), details, password));
}
