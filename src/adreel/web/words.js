// The API's values in plain words.

export const ASPECTS = [["9:16", "Tall 9:16 — TikTok, Reels, Shorts"], ["16:9", "Wide 16:9 — YouTube, websites"],
                        ["1:1", "Square 1:1 — feeds"]];
export const LENGTHS = [["15", "15 seconds"], ["30", "30 seconds"], ["45", "45 seconds"], ["60", "60 seconds"]];
export const KINDS = [["ad", "Ad — ends with a call to action"],
                      ["organic", "Organic post — editorial, soft or no call to action"]];
export const STYLES = [["", "Let adreel choose"], ["problem_solution", "Problem and solution"],
                       ["three_reasons", "Three reasons to buy"], ["discovery", "\u201cI just found this\u201d"],
                       ["social_proof", "What buyers say"], ["special_offers", "The offer and the price"]];
export const PRESETS = [["", "Let adreel choose"], ["talking_head", "Presenter on screen, product cut-aways"],
                        ["green_screen", "Presenter over the product pictures"],
                        ["split_screen", "Presenter and product side by side"],
                        ["product_showcase", "Product only, with a voiceover"]];

export const STATUS = {
  pending: "Waiting for a free worker", running: "Being made", preparing: "Reading the page and writing the script",
  generating: "Recording and rendering", post_processing: "Syncing the presenter's lips",
  stitching: "Putting the video together", completed: "Ready", partial: "Partly ready", failed: "Failed",
  cancelled: "Cancelled",
};

export const STAGE = {
  preparing: "reading the page and writing the script", audio: "recording the voiceover",
  video: "rendering the scenes", lip_sync: "syncing the lips", stitching: "putting the video together",
};

const ADVICE = {
  fetch_failed: "Check that the page opens in a browser, then try again.",
  not_a_product: "Use the address of one product's own page, not a home, category or search page.",
  no_images: "Use a page that shows photos of the product.",
  no_face: "Choose a clear, front-facing photo of one person.",
  language_unsupported: "Pick another language, or leave it on automatic.",
  stalled: "adreel stopped making progress. Try again in a moment.",
  timeout: "adreel was too busy to finish in time. Try again later.",
};

export function advice(code) {
  return ADVICE[code] || "Try again. If it keeps failing, tell the person who runs adreel.";
}

export const TERMINAL = new Set(["completed", "partial", "failed", "cancelled"]);

export function money(price, currency) {
  if (!price) return null;
  try {
    return new Intl.NumberFormat(undefined, {style: "currency", currency: currency || "USD"}).format(Number(price));
  } catch {
    return `${price} ${currency || ""}`.trim();
  }
}

export function creditsLeft(usage) {
  const plan = usage.limit === null || usage.limit === undefined ? null : Math.max(usage.limit - usage.used, 0);
  return plan === null ? null : plan + usage.credits;
}
