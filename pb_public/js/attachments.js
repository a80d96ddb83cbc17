// A file picker that lists what was picked and checks the contract's
// limits (count and size, from /api/helpdesk/meta) before anything is sent.
import { meta } from "./api.js";
import { field, h } from "./dom.js";
import { bytes } from "./format.js";

/** filePicker returns {node, files(), check(), reset()} for a form's attachments. */
export function filePicker(name = "attachments", text = "Attachments") {
  const input = h("input", { type: "file", name, multiple: true });
  const max = meta.limits.attachments_max;
  const size = meta.limits.attachment_max_bytes;
  const wrap = field(text, input, `Up to ${max} files, ${bytes(size)} each. Screenshots help.`);
  const listing = h("ul", { class: "file-list" });
  wrap.append(listing);
  const check = () => {
    const files = [...input.files];
    let message = "";
    if (files.length > max) message = `Attach at most ${max} files.`;
    const big = files.find((f) => f.size > size);
    if (big) message = `${big.name} is larger than ${bytes(size)}.`;
    wrap.error.textContent = message;
    if (message) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
    return message === "";
  };
  input.addEventListener("change", () => {
    listing.replaceChildren(...[...input.files].map((f) => h("li", {}, f.name, h("span", { class: "muted" }, ` · ${bytes(f.size)}`))));
    check();
  });
  return {
    node: wrap,
    files: () => [...input.files],
    check,
    reset() {
      input.value = "";
      listing.replaceChildren();
      wrap.error.textContent = "";
    },
  };
}
