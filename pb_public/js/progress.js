// Where a ticket stands, in the requester's words: no internal terms, just
// what is happening and who has it.
import { isDone } from "./api.js";
import { h } from "./dom.js";

/** stage returns {step, text} for a ticket: step 0 received … 3 resolved. */
export function stage(t) {
  const who = t.assignee_name || "someone on the team";
  if (isDone(t)) return { step: 3, text: "Resolved. If it isn't fixed, reply below and we'll pick it up again." };
  if (t.assigned_to) {
    if (t.status === "in_progress") return { step: 2, text: `${who} is working on it.` };
    return { step: 2, text: `Assigned to ${who}. They'll reply here.` };
  }
  if (t.triage === "pending" || t.triage === "analyzing") return { step: 0, text: "We're reading your ticket…" };
  if (t.triage === "assigning") return { step: 1, text: "Finding the right person for your ticket…" };
  return { step: 1, text: "Waiting for the next free person on the team." };
}

/** progressCard shows the stage as a sentence and four steps. */
export function progressCard(t) {
  const { step, text } = stage(t);
  const names = ["Received", "Read", t.assignee_name ? `With ${t.assignee_name}` : "Assigned", "Resolved"];
  const working = step < 3 && !(step === 2 && t.assigned_to) && (t.triage === "pending" || t.triage === "analyzing" || t.triage === "assigning");
  return h("section", { class: `progress step-${step}`, "aria-label": "Progress", id: "progress" },
    h("p", { class: "progress-text", role: "status", "aria-live": "polite" },
      working ? h("span", { class: "spinner", "aria-hidden": "true" }) : null, text),
    h("ol", { class: "steps" }, names.map((n, i) =>
      h("li", { class: i < step ? "done" : i === step ? "current" : "", "aria-current": i === step ? "step" : false }, n))));
}
