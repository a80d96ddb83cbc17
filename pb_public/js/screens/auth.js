// Sign in, sign up, forgot password and set a new password (the link of
// the reset mail and of accounts the desk made from an email:
// #/reset-password/<token>).
import { clearProblem, meta, pb, showProblem, signIn } from "../api.js";
import { busy, field, h } from "../dom.js";

function card(title, intro, form, footer) {
  return h("section", { class: "auth" },
    h("div", { class: "auth-card" },
      h("h1", {}, title),
      intro ? h("p", { class: "muted" }, intro) : null,
      form,
      footer ? h("p", { class: "auth-footer" }, footer) : null));
}

// checkFields shows the browser's own checks (required, minlength, type)
// as field errors, so that a request is sent only when it can succeed
function checkFields(form) {
  let ok = true;
  for (const c of form.querySelectorAll("input")) {
    if (c.checkValidity()) continue;
    ok = false;
    const slot = form.querySelector(`#${CSS.escape(c.id)}-error`);
    if (slot) slot.textContent = c.validity.tooShort ? `Use at least ${c.minLength} characters.` : c.validationMessage;
    c.setAttribute("aria-invalid", "true");
  }
  form.querySelector("[aria-invalid=true]")?.focus();
  return ok;
}

function authForm(id, fields, submitLabel, progressLabel, action) {
  const summary = h("p", { class: "form-error", role: "alert", hidden: true });
  const submit = h("button", { type: "submit", class: "primary wide" }, submitLabel);
  const form = h("form", { id, novalidate: true }, summary, ...fields, submit);
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearProblem(form, summary);
    if (!checkFields(form)) return;
    const values = Object.fromEntries(new FormData(form).entries());
    try {
      await busy(submit, progressLabel, () => action(values, form));
    } catch (err) {
      showProblem(form, summary, err);
    }
  });
  return form;
}

const email = () => field("Email", h("input", { name: "email", type: "email", autocomplete: "email", required: true }));
const password = (name = "password", auto = "current-password", text = "Password") =>
  field(text, h("input", { name, type: "password", autocomplete: auto, required: true, minlength: auto === "new-password" ? meta.limits.password_min : false }),
    auto === "new-password" && name === "password" ? `At least ${meta.limits.password_min} characters.` : null);

/** signin is the sign-in screen. */
export function signin({ view }) {
  const form = authForm("signin", [email(), password()], "Sign in", "Signing in…",
    (v) => signIn(v.email, v.password));
  view.replaceChildren(card("Sign in to Helpdesk", "Follow your requests and talk to the team.", form,
    [h("a", { href: "#/forgot" }, "Forgot your password?"), " · ", h("a", { href: "#/signup" }, "Create an account")]));
  form.querySelector("input").focus();
}

/** signup is the create-an-account screen. */
export function signup({ view }) {
  const name = field("Your name", h("input", {
    name: "name", autocomplete: "name", required: true, minlength: meta.limits.name_min, maxlength: meta.limits.name_max,
  }));
  const form = authForm("signup", [name, email(), password("password", "new-password")], "Create account", "Creating your account…",
    async (v) => {
      await pb.collection("users").create({ name: v.name, email: v.email, password: v.password, passwordConfirm: v.password });
      await signIn(v.email, v.password);
    });
  view.replaceChildren(card("Create your account", "It takes a minute; then you can file your first ticket.", form,
    ["Already have an account? ", h("a", { href: "#/signin" }, "Sign in")]));
  form.querySelector("input").focus();
}

/** forgot asks for a reset mail. */
export function forgot({ view }) {
  const done = h("p", { class: "notice", role: "status", hidden: true });
  const form = authForm("forgot", [email()], "Send reset link", "Sending…", async (v, f) => {
    await pb.collection("users").requestPasswordReset(v.email);
    // the same answer whether or not the address has an account
    done.textContent = `If ${v.email} has an account, a link to set a new password is on its way. Check your inbox.`;
    done.hidden = false;
    f.reset();
  });
  view.replaceChildren(card("Forgot your password?", "We'll email you a link to set a new one.", h("div", {}, done, form),
    h("a", { href: "#/signin" }, "Back to sign in")));
  form.querySelector("input").focus();
}

/** reset sets a new password with the token of a reset link. */
export function reset({ view, params }) {
  const token = decodeURIComponent(params[0]);
  const done = h("div", { class: "notice", role: "status", hidden: true });
  const form = authForm("reset", [
    password("password", "new-password", "New password"),
    password("passwordConfirm", "new-password", "Repeat the new password"),
  ], "Set password", "Saving…", async (v, f) => {
    await pb.collection("users").confirmPasswordReset(token, v.password, v.passwordConfirm);
    f.hidden = true;
    done.replaceChildren("Your password is set. ", h("a", { href: "#/signin" }, "Sign in with it"), ".");
    done.hidden = false;
  });
  view.replaceChildren(card("Set your password", "Choose the password you'll sign in with.", h("div", {}, done, form), null));
  form.querySelector("input").focus();
}
