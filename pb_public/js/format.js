// How values read: dates in the reader's local time, due times relative,
// and plain words for the enum values the server sends (a value without
// words shows as itself, so a new one never breaks a screen).

const words = {
  status: { todo: "New", assigned: "Assigned", in_progress: "In progress", done: "Done" },
  priority: { low: "Low", medium: "Medium", high: "High", critical: "Critical" },
  role: { user: "Requester", moderator: "Moderator", admin: "Admin" },
};

/** label returns the words for an enum value of kind. */
export function label(kind, value) {
  if (!value) return "—";
  return words[kind]?.[value] ?? value.replace(/_/g, " ");
}

/** parseDate reads PocketBase's "2030-01-31 12:00:00.000Z" (or ISO). */
export function parseDate(s) {
  if (!s) return null;
  const d = new Date(String(s).replace(" ", "T"));
  return Number.isNaN(d.getTime()) ? null : d;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** localTime returns a date in the reader's local time and locale. */
export function localTime(s) {
  const d = parseDate(s);
  return d ? dateTime.format(d) : "—";
}

function span(ms) {
  const m = Math.round(Math.abs(ms) / 60_000);
  if (m < 1) return "now";
  if (m < 60) return `${m} min`;
  const hours = Math.round(m / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} d`;
}

/** age returns how long ago s was: "5 min", "3 h", "2 d". */
export function age(s, now = Date.now()) {
  const d = parseDate(s);
  return d ? span(now - d.getTime()) : "—";
}

/** ago is age with "ago": "5 min ago", "just now". */
export function ago(s, now = Date.now()) {
  const a = age(s, now);
  return a === "now" ? "just now" : a === "—" ? a : `${a} ago`;
}

/**
 * due returns a due time relative to now, and whether it has passed:
 * {text: "in 3 h" | "overdue 2 d", overdue}.
 */
export function due(s, now = Date.now()) {
  const d = parseDate(s);
  if (!d) return { text: "—", overdue: false };
  const ms = d.getTime() - now;
  if (ms < 0) return { text: `overdue ${span(ms)}`, overdue: true };
  return { text: span(ms) === "now" ? "due now" : `in ${span(ms)}`, overdue: false };
}

/** seconds reads a duration in seconds as "45 s", "12 min", "3.5 h". */
export function seconds(v) {
  if (v === null || v === undefined) return "—";
  if (v < 90) return `${Math.round(v)} s`;
  if (v < 5400) return `${Math.round(v / 60)} min`;
  if (v < 172_800) return `${(v / 3600).toFixed(1)} h`;
  return `${(v / 86_400).toFixed(1)} d`;
}

/** bytes reads a size: "340 KB", "2.1 MB". */
export function bytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** fileName strips PocketBase's random suffix from a stored file name. */
export function fileName(stored) {
  return String(stored).replace(/_[a-z0-9]{10}(\.[^.]+)?$/i, "$1");
}
