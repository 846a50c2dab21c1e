// The page's own script, inlined by the build after Redoc's server-rendered markup: it runs before Redoc's module
// script hydrates the page. Redoc 3 routes in the URL's fragment (`#/backups/listcheckpointitems`), renders a tag
// group's operations only while the route is inside that group, and renders long sections only as they scroll into
// view; this script makes the page readable, printable and linkable as one document.
(() => {
  // The plain rendition (scripts/static.ts) gives way to Redoc on screen; it stays for print.
  document.documentElement.classList.add("csbs-js");
  const redoc = document.getElementById("redoc");
  if (!redoc) return;

  // --- Links. Stable fragments: `#<operationId>` and `#<operationId>/<in>/<name>` (a parameter) are translated to
  // Redoc's routes before Redoc reads the URL, from file:// and over HTTP alike.
  const data = JSON.parse(document.getElementById("csbs-page-data")?.textContent ?? "{}");
  /** The route of a tag group: the server-rendered sidebar link that reads the tag's name. */
  const groupRoute = (tag) => {
    for (const a of redoc.querySelectorAll("a[href]")) {
      if (a.textContent.trim() === tag) return a.getAttribute("href").replace(/^#/, "");
    }
    return undefined;
  };
  /** The route of an operation: `<group>/<operationid>`, untagged ones under Redoc's `other`. */
  const routeOf = (operationId) => {
    const op = data.operations?.find((o) => o.operationId === operationId);
    if (!op) return undefined;
    const group = op.tags.length ? groupRoute(op.tags[0]) : "/other";
    return group && `${group.replace(/\/$/, "")}/${operationId.toLowerCase()}`;
  };
  /** Redoc's fragment for a stable one, or undefined when it is no stable fragment of this page. */
  const canonical = (hash) => {
    const match = /^#([A-Za-z_$][\w$-]*)(?:\/(path|query|header|cookie)\/([^/#]+))?$/.exec(hash);
    const route = match && routeOf(match[1]);
    if (!route) return undefined;
    if (!match[2]) return `#${route}`;
    return `#${route}#${route.slice(1)}/t=request&in=${match[2]}&path=${decodeURIComponent(match[3])}`;
  };
  /** The first tag group (Redoc renders its operations only while the route is inside it): its route. */
  const firstGroup = () => {
    for (const section of redoc.querySelectorAll("[data-section-id]")) {
      const id = section.getAttribute("data-section-id");
      if (id !== "/" && !id.startsWith("/section/")) return id;
    }
    return undefined;
  };
  const route = () => {
    const target = canonical(location.hash);
    if (target) return history.replaceState(history.state, "", target);
    const group = location.hash === "" || location.hash === "#/" ? firstGroup() : undefined;
    // Inside the group's route its operations render; `#top` (this page's first element) keeps the page at its top.
    if (group) history.replaceState(history.state, "", `#${group}#top`);
  };
  route();
  window.addEventListener("hashchange", () => {
    const target = canonical(location.hash);
    if (target) location.replace(target);
  });

  // --- Lazy sections. Redoc mounts a long section when an IntersectionObserver with its margin sees it near the
  // viewport, so print and find-in-page miss what was never scrolled to. Those observers report every section as
  // visible once the first paint is done; Redoc then mounts them in a transition. Other observers are untouched.
  const LAZY_MARGIN = "0px 0px 200px 0px";
  const Native = window.IntersectionObserver;
  if (Native) {
    const pending = [];
    let flushing = false;
    const flush = () => {
      flushing = false;
      for (const [observer, callback, target] of pending.splice(0)) {
        callback([{ isIntersecting: true, target, intersectionRatio: 1 }], observer);
      }
    };
    window.IntersectionObserver = class extends Native {
      constructor(callback, options) {
        super(callback, options);
        this.csbsEager = options?.rootMargin === LAZY_MARGIN ? callback : undefined;
      }
      observe(target) {
        super.observe(target);
        if (!this.csbsEager) return;
        pending.push([this, this.csbsEager, target]);
        if (!flushing) {
          flushing = true;
          requestAnimationFrame(() => setTimeout(flush, 0));
        }
      }
    };
  }

  // --- Redoc's markup, adjusted as it appears (React leaves attributes it does not change alone).
  const adjust = (root) => {
    // Sidebar links are written as paths (`/backups/…`): from file:// they would open files. As fragments they work
    // everywhere, and Redoc's router reads them the same.
    for (const a of root.querySelectorAll?.('a[href^="/"]:not([href^="//"])') ?? []) {
      a.setAttribute("href", `#${a.getAttribute("href")}`);
    }
  };
  adjust(redoc);
  new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) if (node.nodeType === 1) adjust(node);
  }).observe(redoc, { childList: true, subtree: true });
})();
