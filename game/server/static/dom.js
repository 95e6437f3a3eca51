// Strategic Convergence — the two small DOM helpers the student and teacher pages share.
"use strict";
window.SC = {
  // el("p", {class: "x", text: "hi", onclick: f}, child...): an element built from plain data
  // (text goes through textContent, never innerHTML).
  el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v);
    }
    for (const k of kids) if (k != null) e.append(k);
    return e;
  },
  clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; },
};
