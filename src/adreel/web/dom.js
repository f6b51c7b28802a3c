// Building the page. Everything that comes from a product page or the API is set as text
// (textContent, attribute values), never parsed as markup.

/** h("p", {class: "x"}, "text", child) — an element with attributes, listeners (on*) and children. */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (name === "text") node.textContent = String(value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

/** Only http(s) links are ever put in href or src: `javascript:` and friends stay text. */
export function safeUrl(value) {
  try {
    const url = new URL(String(value), location.href);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

let fieldCount = 0;

/** A labelled control: the label, the control, an optional hint tied to it. */
export function field(label, control, hint) {
  fieldCount += 1;
  control.id ||= `f${fieldCount}`;
  const parts = [h("label", {for: control.id, text: label}), control];
  if (hint) {
    const note = h("p", {class: "hint", id: `${control.id}-hint`, text: hint});
    control.setAttribute("aria-describedby", note.id);
    parts.push(note);
  }
  return h("div", {class: "field"}, parts);
}

export function select(name, options, chosen) {
  return h("select", {name}, options.map(([value, text]) =>
    h("option", {value, selected: value === chosen, text})));
}

export function status(message, kind = "info") {
  return h("p", {class: `notice ${kind}`, role: kind === "error" ? "alert" : "status", text: message});
}
