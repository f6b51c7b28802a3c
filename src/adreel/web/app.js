// The studio's shell: sign-in, the routes (#/new, #/jobs/<id>, #/history) and the navigation.
import {get, key} from "/studio/api.js";
import {clear, field, h, status} from "/studio/dom.js";
import {showHistory} from "/studio/history.js";
import {showJob, stopWatching} from "/studio/job.js";
import {showNewAd} from "/studio/new-ad.js";

const main = document.getElementById("main");
const nav = document.getElementById("nav");

function signIn(problem) {
  nav.hidden = true;
  const input = h("input", {type: "password", name: "apiKey", autocomplete: "off", required: true,
                            spellcheck: "false", placeholder: "nvl_…"});
  const form = h("form", {class: "card narrow", "aria-labelledby": "signin-title"},
    h("h1", {id: "signin-title", text: "Sign in"}),
    h("p", {class: "muted", text: "Use an API key your operator gave you. It stays in this browser tab only."}),
    problem ? status(problem, "error") : null,
    field("API key", input),
    h("button", {type: "submit", class: "primary", text: "Sign in"}));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    key.set(input.value.trim());
    try {
      await get("/api/v1/usage");
    } catch (error) {
      key.clear();
      signIn(error.status === 401 ? "That key was not accepted. Check it and try again." : error.message);
      return;
    }
    route();
  });
  clear(main).append(form);
  input.focus();
}

function route() {
  stopWatching();
  if (!key.get()) {
    signIn();
    return;
  }
  nav.hidden = false;
  const [path, query] = (location.hash.slice(1) || "/new").split("?");
  const params = new URLSearchParams(query || "");
  for (const link of nav.querySelectorAll("a")) {
    link.toggleAttribute("aria-current", link.getAttribute("href") === `#${path}`);
  }
  clear(main);
  const job = path.match(/^\/jobs\/([0-9a-f-]{36})$/);
  if (job) showJob(main, job[1]);
  else if (path === "/history") showHistory(main, params);
  else showNewAd(main, params);
  main.focus({preventScroll: true});
}

document.getElementById("sign-out").addEventListener("click", () => {
  key.clear();
  route();
});
window.addEventListener("hashchange", route);
route();
