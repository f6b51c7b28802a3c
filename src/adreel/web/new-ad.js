// New ad: the product pages (each read as soon as it is typed or pasted, before any credit is
// spent), every option of POST /generate in plain words, the script to edit, and "Generate".
import {call, get, post} from "/studio/api.js";
import {clear, field, h, safeUrl, select, status} from "/studio/dom.js";
import {ASPECTS, KINDS, LENGTHS, PRESETS, STYLES, creditsLeft, money} from "/studio/words.js";

const MAX_URLS = 3;
const READ_AFTER_MS = 400;     // a pause in typing before the page is read

export function showNewAd(main, params) {
  const products = h("div", {class: "products"});
  const addButton = h("button", {type: "button", class: "secondary", text: "Add another product"});
  const problem = h("div", {"aria-live": "assertive"});
  const cost = h("p", {class: "cost", "aria-live": "polite"});
  const submit = h("button", {type: "submit", class: "primary", text: "Generate 1 video"});
  const rows = [];

  const options = {
    aspectRatio: select("aspectRatio", ASPECTS, params.get("aspect") || "9:16"),
    adDuration: select("adDuration", LENGTHS, "15"),
    contentType: select("contentType", KINDS, "ad"),
    scriptStyle: select("scriptStyle", STYLES, ""),
    variantCount: select("variantCount", [["1", "1 version"], ["2", "2 versions"], ["3", "3 versions"]], "1"),
    formatPreset: select("formatPreset", PRESETS, ""),
    language: select("language", [["", "The page's language"]], ""),
    accent: select("accent", [["", "Any accent"]], ""),
    userInstructions: h("textarea", {name: "userInstructions", maxlength: 2000, rows: 3}),
    targetAudience: h("input", {type: "text", name: "targetAudience", maxlength: 500}),
  };
  const actor = actorPicker();
  const voice = voicePicker(options.language, options.accent);
  const script = scriptStep(() => rows.map((row) => row.url()).filter(Boolean), () => body(false));

  function body(withScript = true) {
    const request = {urls: rows.map((row) => row.url()).filter(Boolean)};
    for (const name of ["aspectRatio", "contentType", "scriptStyle", "formatPreset", "language", "accent",
                        "userInstructions", "targetAudience"]) {
      const value = options[name].value.trim();
      if (value) request[name] = value;
    }
    request.adDuration = Number(options.adDuration.value);
    request.variantCount = Number(options.variantCount.value);
    Object.assign(request, actor.choice());
    const text = script.text();
    if (withScript && text) request.overrideScript = text;
    return request;
  }

  function recount() {
    const videos = Math.max(rows.filter((row) => row.url()).length, 1) * Number(options.variantCount.value);
    submit.textContent = `Generate ${videos} video${videos === 1 ? "" : "s"}`;
    addButton.hidden = rows.length >= MAX_URLS;
    cost.dataset.videos = String(videos);
    showCost(cost, videos);
  }

  function addRow(value = "") {
    const row = productRow(value, () => {
      rows.splice(rows.indexOf(row), 1);
      row.node.remove();
      rows.forEach((r, i) => r.number(i, rows.length));
      recount();
    }, recount);
    rows.push(row);
    products.append(row.node);
    rows.forEach((r, i) => r.number(i, rows.length));
    recount();
    return row;
  }

  addButton.addEventListener("click", () => addRow().focus());
  options.variantCount.addEventListener("change", recount);

  const form = h("form", {class: "new-ad", novalidate: true, "aria-labelledby": "new-title"},
    h("h1", {id: "new-title", text: "New ad"}),
    h("section", {class: "card", "aria-labelledby": "products-title"},
      h("h2", {id: "products-title", text: "Products"}),
      h("p", {class: "muted", text: "Paste up to three product pages. adreel reads each one now, so you see " +
                                   "what it understood before anything is spent."}),
      products, addButton),
    h("section", {class: "card", "aria-labelledby": "video-title"},
      h("h2", {id: "video-title", text: "The video"}),
      h("div", {class: "grid"},
        field("Shape", options.aspectRatio), field("Length", options.adDuration),
        field("Kind of video", options.contentType), field("Script style", options.scriptStyle),
        field("Versions of each product", options.variantCount,
              "Each version tries another angle: style, opening line, presenter and pace."),
        field("Layout", options.formatPreset))),
    actor.node, voice.node,
    h("section", {class: "card", "aria-labelledby": "direction-title"},
      h("h2", {id: "direction-title", text: "Direction"}),
      field("Instructions for the writer", options.userInstructions, "For example: mention free shipping; playful tone."),
      field("Audience", options.targetAudience, "Who the ad speaks to, e.g. busy parents who camp.")),
    script.node,
    h("div", {class: "card submit"}, problem, cost, submit));

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clear(problem);
    const refused = rows.find((row) => row.refusal());
    if (!rows.some((row) => row.url())) {
      problem.append(status("Paste the address of a product page first.", "error"));
      rows[0].focus();
      return;
    }
    if (refused) {
      problem.append(status(`Not sent: ${refused.refusal()}`, "error"));
      refused.focus();
      return;
    }
    submit.disabled = true;
    try {
      const answer = await post("/api/v1/generate", body());
      location.hash = `#/jobs/${answer.jobId}`;
    } catch (error) {
      problem.append(status(error.message, "error"));
      submit.disabled = false;
    }
  });

  main.append(form);
  addRow(params.get("url") || "");
}

async function showCost(node, videos) {
  try {
    const usage = await get("/api/v1/usage");
    const left = creditsLeft(usage);
    if (Number(node.dataset.videos) !== videos) return;   // a later count replaced this one
    node.textContent = `This makes ${videos} video${videos === 1 ? "" : "s"} and uses ${videos} ` +
      `credit${videos === 1 ? "" : "s"}. ` + (left === null ? "Your plan has no monthly limit."
                                                              : `You have ${left} left.`);
  } catch {
    node.textContent = `This makes ${videos} video${videos === 1 ? "" : "s"}.`;
  }
}

function productRow(initial, remove, changed) {
  const input = h("input", {type: "url", name: "url", inputmode: "url", autocomplete: "off",
                            placeholder: "https://shop.example/products/…", value: initial});
  const preview = h("div", {class: "preview", "aria-live": "polite"});
  const label = h("label", {for: "", text: "Product URL"});
  const removeButton = h("button", {type: "button", class: "link", text: "Remove", onclick: remove});
  const node = h("div", {class: "product-row"}, label, h("div", {class: "inline"}, input, removeButton), preview);
  let timer = null;
  let asked = "";
  let refusal = null;
  let serial = 0;

  async function read() {
    const url = input.value.trim();
    if (url === asked) return;
    asked = url;
    refusal = null;
    clear(preview);
    if (!url) return;
    if (!safeUrl(url) || !/^https?:\/\//i.test(url)) {
      preview.append(status("Type the whole address, starting with https://", "error"));
      return;
    }
    const mine = ++serial;
    preview.append(status("Reading the page…"));
    preview.setAttribute("aria-busy", "true");
    try {
      const found = await post("/api/v1/studio/pages", {url});
      if (mine !== serial) return;
      clear(preview).append(productCard(found));
      if (!found.isProduct) refusal = found.reason;
    } catch (error) {
      if (mine !== serial) return;
      refusal = error.message;
      clear(preview).append(status(error.message, "error"));
    } finally {
      if (mine === serial) preview.removeAttribute("aria-busy");
    }
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(read, READ_AFTER_MS);
    changed();
  });
  input.addEventListener("paste", () => setTimeout(read, 0));
  input.addEventListener("change", read);
  if (initial) setTimeout(read, 0);
  return {
    node,
    url: () => input.value.trim(),
    refusal: () => refusal,
    focus: () => input.focus(),
    number(index, count) {
      input.id = `product-url-${index}`;
      label.setAttribute("for", input.id);
      label.textContent = count > 1 ? `Product URL ${index + 1}` : "Product URL";
      removeButton.hidden = count === 1;
      removeButton.setAttribute("aria-label", `Remove product ${index + 1}`);
    },
  };
}

function productCard(found) {
  if (!found.isProduct) {
    return h("div", {class: "product refused", "data-testid": "refusal"},
      h("p", {class: "title", text: "Not a product page"}),
      h("p", {class: "reason", text: found.reason}),
      h("p", {class: "muted", text: "Nothing was spent. Paste the page of one product instead."}));
  }
  const pictures = found.pictures.map((src) => safeUrl(src)).filter(Boolean)
    .map((src) => h("img", {src, alt: "", loading: "lazy", width: 96, height: 96}));
  const price = money(found.price, found.currency);
  const was = money(found.compareAtPrice, found.currency);
  const rating = found.rating === null || found.rating === undefined ? null
    : `Rated ${found.rating} out of 5` + (found.reviewCount ? ` (${found.reviewCount} reviews)` : "");
  return h("div", {class: "product", "data-testid": "product"},
    h("div", {class: "pictures"}, pictures.length ? pictures : h("p", {class: "muted", text: "No pictures found"})),
    h("div", {class: "facts"},
      h("p", {class: "title", text: found.title || found.brand || "Untitled product"}),
      found.brand && found.title ? h("p", {class: "muted", text: found.brand}) : null,
      price ? h("p", {class: "price"}, price, was ? h("s", {class: "muted", text: ` ${was}`}) : null) : null,
      rating ? h("p", {text: rating}) : null,
      found.description ? h("p", {class: "description", text: found.description.slice(0, 240)}) : null));
}

function actorPicker() {
  const grid = h("div", {class: "actors", role: "radiogroup", "aria-label": "Presenter"});
  const photoUrl = h("input", {type: "url", name: "avatarImageUrl", placeholder: "https://…/portrait.jpg"});
  const upload = h("input", {type: "file", name: "photo", accept: "image/jpeg,image/png,image/webp"});
  const photoNote = h("div", {"aria-live": "polite"});
  let uploaded = null;
  const radio = (value, text, picture) => h("label", {class: "actor"},
    h("input", {type: "radio", name: "actor", value, checked: value === ""}),
    picture ? h("img", {src: picture, alt: "", width: 120, height: 160}) : null,
    h("span", {text}));
  grid.append(radio("", "Let adreel choose"), radio("photo", "Use my photo"));
  get("/api/v1/actors").then(({actors}) => {
    for (const actor of actors) {
      grid.insertBefore(radio(actor.id, actor.name, safeUrl(actor.previewUrl)), grid.lastChild);
    }
  }).catch(() => grid.append(status("The presenters could not be listed.", "error")));

  upload.addEventListener("change", async () => {
    const file = upload.files[0];
    uploaded = null;
    clear(photoNote);
    if (!file) return;
    grid.querySelector('input[value="photo"]').checked = true;
    if (file.size > 5 * 1024 * 1024) {
      photoNote.append(status("That photo is over 5 MB. Choose a smaller one.", "error"));
      return;
    }
    photoNote.append(status("Checking the photo…"));
    try {
      const answer = await call("POST", "/api/v1/studio/photos", file, file.type || "image/jpeg");
      uploaded = answer.avatarImageUrl;
      clear(photoNote).append(status("Photo accepted: one clear face found.", "ok"));
    } catch (error) {
      clear(photoNote).append(status(error.message, "error"));
    }
  });
  photoUrl.addEventListener("input", () => {
    if (photoUrl.value) grid.querySelector('input[value="photo"]').checked = true;
  });

  const node = h("section", {class: "card", "aria-labelledby": "actor-title"},
    h("h2", {id: "actor-title", text: "Presenter"}), grid,
    h("div", {class: "grid"}, field("Photo URL", photoUrl, "A portrait of one person, facing the camera."),
      field("Or upload a photo", upload, "JPEG, PNG or WebP, up to 5 MB.")), photoNote);
  return {
    node,
    choice() {
      const chosen = grid.querySelector("input[name=actor]:checked")?.value || "";
      if (chosen === "photo") {
        const url = uploaded || photoUrl.value.trim();
        return url ? {avatarImageUrl: url} : {};
      }
      return chosen ? {selectedActorId: chosen} : {};
    },
  };
}

function voicePicker(language, accent) {
  const listen = h("button", {type: "button", class: "secondary", text: "Play a voice sample"});
  const player = h("div", {"aria-live": "polite"});
  let listing = {voices: [], languages: {}};

  function accents() {
    const chosen = language.value;
    clear(accent).append(h("option", {value: "", text: "Any accent"}));
    for (const name of listing.languages[chosen] || []) accent.append(h("option", {value: name, text: name}));
  }

  get("/api/v1/voices").then((found) => {
    listing = found;
    for (const tag of Object.keys(found.languages).sort()) language.append(h("option", {value: tag, text: tag}));
    accents();
  }).catch(() => player.append(status("The voices could not be listed.", "error")));
  language.addEventListener("change", accents);

  listen.addEventListener("click", async () => {
    const tag = language.value || "en";
    const voice = listing.voices.find((v) => v.language === tag && (!accent.value || v.accent === accent.value));
    clear(player);
    if (!voice) {
      player.append(status("No voice speaks that language with that accent.", "error"));
      return;
    }
    player.append(status("Recording the sample…"));
    try {
      const answer = await post(`/api/v1/studio/voices/${encodeURIComponent(voice.id)}/sample`);
      const audio = h("audio", {controls: true, src: safeUrl(answer.sampleUrl), "aria-label": `Sample of ${voice.name}`});
      clear(player).append(h("p", {class: "muted", text: `${voice.name} (${voice.accent})`}), audio);
      audio.play().catch(() => {});
    } catch (error) {
      clear(player).append(status(error.message, "error"));
    }
  });

  const node = h("section", {class: "card", "aria-labelledby": "voice-title"},
    h("h2", {id: "voice-title", text: "Voice"}),
    h("div", {class: "grid"}, field("Language", language), field("Accent", accent)), listen, player);
  return {node};
}

function scriptStep(urls, request) {
  const text = h("textarea", {name: "overrideScript", rows: 8, maxlength: 5000});
  const write = h("button", {type: "button", class: "secondary", text: "Write the script"});
  const drop = h("button", {type: "button", class: "link", text: "Let adreel write it instead", hidden: true});
  const note = h("div", {"aria-live": "polite"});
  const box = h("div", {hidden: true},
    field("Voiceover script", text, "What the voice will say. Edit it freely: the video follows its length, " +
                          "and every video of this job speaks it."), drop);

  write.addEventListener("click", async () => {
    clear(note);
    const first = urls()[0];
    if (!first) {
      note.append(status("Paste a product page first.", "error"));
      return;
    }
    write.disabled = true;
    note.append(status("Writing…"));
    const {urls: _all, ...options} = request();
    try {
      const answer = await post("/api/v1/studio/scripts", {...options, variantCount: 1, url: first});
      text.value = answer.variants[0].text;
      box.hidden = false;
      drop.hidden = false;
      clear(note);
      if (answer.note) note.append(status(answer.note));
      text.focus();
    } catch (error) {
      clear(note).append(status(error.message, "error"));
    } finally {
      write.disabled = false;
    }
  });
  drop.addEventListener("click", () => {
    text.value = "";
    box.hidden = true;
    write.focus();
  });

  const node = h("section", {class: "card", "aria-labelledby": "script-title"},
    h("h2", {id: "script-title", text: "Script"}),
    h("p", {class: "muted", text: "Optional: see the script before anything is made, and change it."}),
    write, note, box);
  return {node, text: () => (box.hidden ? "" : text.value.trim())};
}
