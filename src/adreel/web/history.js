// History: the account's jobs, newest first, a page at a time, filtered by status; and what is
// left to spend.
import {get} from "/studio/api.js";
import {append, clear, field, h, select, status} from "/studio/dom.js";
import {STATUS, creditsLeft} from "/studio/words.js";

const PER_PAGE = 10;
const FILTERS = [["", "All jobs"], ...["running", "pending", "completed", "partial", "failed", "cancelled"]
  .map((value) => [value, STATUS[value]])];

export function showHistory(main, params) {
  const page = Math.max(1, Number(params.get("page")) || 1);
  const wanted = params.get("status") || "";
  const usage = h("p", {class: "usage", role: "status"});
  const filter = select("status", FILTERS, wanted);
  const list = h("ol", {class: "jobs", "aria-label": "Jobs, newest first"});
  const pager = h("nav", {class: "pager", "aria-label": "Pages"});
  filter.addEventListener("change", () => {
    location.hash = `#/history?${new URLSearchParams({status: filter.value, page: "1"})}`;
  });
  main.append(h("section", {class: "history", "aria-labelledby": "history-title"},
    h("h1", {id: "history-title", text: "History"}), usage,
    h("div", {class: "card"}, field("Show", filter), list, pager)));

  get("/api/v1/usage").then((found) => {
    const left = creditsLeft(found);
    usage.textContent = `${found.used} video${found.used === 1 ? "" : "s"} made this month` +
      (found.limit === null ? " (no monthly limit)" : ` of ${found.limit}`) +
      ` · ${found.credits} purchased credit${found.credits === 1 ? "" : "s"}` +
      (left === null ? "" : ` · ${left} left to spend`);
  }).catch((error) => usage.append(status(error.message, "error")));

  const query = new URLSearchParams({page: String(page), limit: String(PER_PAGE)});
  if (wanted) query.set("status", wanted);
  get(`/api/v1/jobs?${query}`).then(({jobs, pagination}) => {
    if (!jobs.length) list.append(h("li", {class: "muted", text: "No jobs yet."}));
    for (const job of jobs) {
      const names = [...job.projects.map((p) => p.title), ...job.completedDetails.map((d) => d.url)].filter(Boolean);
      const count = `${job.totalProjects} video${job.totalProjects === 1 ? "" : "s"}`;
      const when = new Date(job.createdAt).toLocaleString();
      list.append(h("li", {class: "job-row", "data-status": job.status},
        h("a", {href: `#/jobs/${job.jobId}`, text: names[0] || `An ad of ${count}`}),
        h("span", {class: `badge ${job.status}`, text: STATUS[job.status] || job.status}),
        h("span", {class: "muted", text: `${count} · ${when}`})));
    }
    const go = (number) => `#/history?${new URLSearchParams({status: wanted, page: String(number)})}`;
    append(clear(pager), [
      page > 1 ? h("a", {href: go(page - 1), rel: "prev", text: "Newer"}) : null,
      h("span", {text: `Page ${pagination.page} of ${Math.max(pagination.totalPages, 1)}`}),
      pagination.hasMore ? h("a", {href: go(page + 1), rel: "next", text: "Older"}) : null]);
  }).catch((error) => list.append(h("li", {}, status(error.message, "error"))));
}
