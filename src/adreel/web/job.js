// A job: one card per video with its progress and stage in words, cancel, failures with what to
// do, and each finished video playing in place with its downloads. Polls as API.md §4 asks:
// 10 s, then 15 s, then every 20 s, stopping at a terminal status and honouring 429's Retry-After.
import {get, post} from "/studio/api.js";
import {clear, h, safeUrl, status} from "/studio/dom.js";
import {STAGE, STATUS, TERMINAL, advice} from "/studio/words.js";

const DELAYS_S = [10, 15, 20];
let watching = null;     // the timer of the job on screen; one job is watched at a time

export function stopWatching() {
  clearTimeout(watching);
  watching = null;
}

export function showJob(main, jobId) {
  const heading = h("h1", {id: "job-title", text: "Your ad"});
  const summary = h("p", {class: "summary", role: "status"});
  const problem = h("div", {"aria-live": "assertive"});
  const cancel = h("button", {type: "button", class: "secondary danger", text: "Cancel the job", hidden: true});
  const cards = h("div", {class: "videos"});
  const cardFor = new Map();
  let polls = 0;

  function render(job) {
    const open = !TERMINAL.has(job.status);
    summary.textContent = `${STATUS[job.status] || job.status} · ${job.completedProjects} of ` +
      `${job.totalProjects} video${job.totalProjects === 1 ? "" : "s"} ready` +
      (job.failedProjects ? ` · ${job.failedProjects} failed` : "") +
      (job.cancelledProjects ? ` · ${job.cancelledProjects} cancelled` : "");
    cancel.hidden = !open;
    const details = new Map((job.completedDetails || []).map((d) => [d.projectId, d]));
    job.projects.forEach((project, index) => {
      let card = cardFor.get(project.id);
      if (!card) {
        card = videoCard(index);
        cardFor.set(project.id, card);
        cards.append(card.node);
      }
      card.update(project, details.get(project.id));
    });
    return open;
  }

  async function poll() {
    let wait = DELAYS_S[Math.min(polls, DELAYS_S.length - 1)];
    try {
      const job = await get(`/api/v1/jobs/${jobId}`);
      clear(problem);
      polls += 1;
      if (!render(job)) return;
    } catch (error) {
      if (error.status === 404) {
        clear(problem).append(status("This job does not exist, or belongs to another account.", "error"));
        return;
      }
      clear(problem).append(status(`${error.message} Trying again shortly.`, "error"));
      wait = Math.max(wait, error.retryAfter);
    }
    if (document.getElementById("job-title") === heading) watching = setTimeout(poll, wait * 1000);
  }

  cancel.addEventListener("click", async () => {
    cancel.disabled = true;
    try {
      render(await post(`/api/v1/jobs/${jobId}/cancel`));
    } catch (error) {
      clear(problem).append(status(error.status === 409 ? "The job had already finished." : error.message,
                                   "error"));
    } finally {
      cancel.disabled = false;
    }
  });

  main.append(h("section", {class: "job", "aria-labelledby": "job-title"},
    h("div", {class: "job-head"}, heading, cancel), summary, problem, cards,
    h("p", {}, h("a", {href: "#/new", text: "Make a new ad"}), " · ", h("a", {href: "#/history", text: "History"}))));
  poll();
}

function videoCard(index) {
  const title = h("h2", {text: `Video ${index + 1}`});
  const bar = h("div", {class: "bar-fill"});
  const progress = h("div", {class: "progress", role: "progressbar", "aria-valuemin": 0, "aria-valuemax": 100,
                             "aria-valuenow": 0, "aria-label": `Progress of video ${index + 1}`}, bar);
  const stage = h("p", {class: "stage"});
  const body = h("div", {class: "card-body"});
  const node = h("article", {class: "card video", "aria-label": `Video ${index + 1}`},
    title, progress, stage, body);
  let finished = false;

  function update(project, detail) {
    title.textContent = project.title || detail?.title || `Video ${index + 1}`;
    const value = Math.max(0, Math.min(100, Number(project.progress) || 0));
    progress.setAttribute("aria-valuenow", String(value));
    progress.setAttribute("aria-valuetext", `${value} percent, ${STATUS[project.status] || project.status}`);
    bar.style.width = `${value}%`;
    node.dataset.status = project.status;
    if (project.status === "failed") {
      const error = project.error || detail?.error || {};
      stage.textContent = `Failed while ${STAGE[error.stage] || "making the video"}.`;
      clear(body).append(h("div", {class: "failure", role: "alert"},
        h("p", {class: "reason", text: error.message || "The video could not be made."}),
        h("p", {text: advice(error.code)})));
    } else if (project.status === "cancelled") {
      stage.textContent = "Cancelled. Its credit was given back.";
    } else if (project.status === "completed") {
      stage.textContent = "Ready.";
      if (detail && !finished) {
        finished = true;
        clear(body).append(finishedVideo(detail));
      }
    } else {
      stage.textContent = project.status === "pending" ? STATUS.pending
        : `${value} % · ${STAGE[project.stage] || STATUS[project.status] || "working"}`;
    }
  }
  return {node, update};
}

function finishedVideo(detail) {
  const mp4 = safeUrl(detail.finalOutputUrl);
  const poster = safeUrl(detail.thumbnailUrl);
  const captions = detail.captionsUrl || {};
  const link = (href, text, name) => (href ? h("a", {class: "button secondary", href, download: name, text}) : null);
  const scriptFile = detail.script
    ? URL.createObjectURL(new Blob([detail.script], {type: "text/plain"})) : null;
  const again = new URLSearchParams({url: detail.url || "", aspect: detail.aspectRatio || "9:16"});
  const seconds = Number(detail.durationSeconds);
  return h("div", {class: "finished"},
    mp4 ? h("video", {controls: true, playsinline: true, preload: "metadata", src: mp4, poster,
                      class: `ratio-${(detail.aspectRatio || "9:16").replace(":", "-")}`,
                      "aria-label": `${detail.title || "Video"}${seconds ? `, ${seconds.toFixed(0)} seconds` : ""}`})
      : null,
    h("div", {class: "downloads", role: "group", "aria-label": "Downloads"},
      link(mp4, "Download MP4", "video.mp4"), link(safeUrl(captions.srt), "Captions (SRT)", "captions.srt"),
      link(safeUrl(captions.vtt), "Captions (VTT)", "captions.vtt"), link(poster, "Thumbnail", "thumbnail.jpg"),
      link(scriptFile, "Script", "script.txt"),
      h("a", {class: "button", href: `#/new?${again}`, text: "Make another variant"})),
    detail.script ? h("details", {}, h("summary", {text: "Script"}), h("p", {class: "script", text: detail.script}))
      : null);
}
