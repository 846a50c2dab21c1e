// The page's own script, inlined by the build after Redoc's server-rendered markup: it runs before Redoc's module
// script hydrates the page. Redoc 3 routes in the URL's fragment (`#/backups/listcheckpointitems`), renders a tag
// group's operations only while the route is inside that group, and renders long sections only as they scroll into
// view; this script makes the page readable, printable and linkable as one document.
(() => {
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

  // --- Lazy parts. Redoc mounts a long section, and the nested fields of a schema, when an IntersectionObserver with
  // one of these margins sees it near the viewport, so find-in-page (and anything that reads the page) misses what
  // was never scrolled to. Those observers report every target as visible once the first paint is done; Redoc then
  // mounts them in a transition. Other observers (e.g. its router's link prefetching) are untouched.
  const LAZY_MARGINS = new Set(["0px 0px 200px 0px", "800px 0px"]);
  const Native = window.IntersectionObserver;
  if (Native) {
    const pending = [];
    let flushing = false;
    let quiet = 0;
    // Once no lazy part is left for a few frames, the page is whole: Redoc may stop keeping its scroll target in
    // place (it does until the reader scrolls; a press on the page's root stands for that), and tests may look.
    const settle = () => {
      if (pending.length > 0 || flushing) return;
      if (++quiet < 3) return requestAnimationFrame(settle);
      document.documentElement.dispatchEvent(new MouseEvent("mousedown", { bubbles: true }));
      // The route's `#top` did its work; left in the URL, Redoc would scroll back to it on its next navigation.
      if (location.hash.endsWith("#top")) history.replaceState(history.state, "", location.hash.slice(0, -4));
      document.documentElement.setAttribute("data-csbs-rendered", "");
    };
    const flush = () => {
      flushing = false;
      for (const [observer, callback, target] of pending.splice(0)) {
        callback([{ isIntersecting: true, target, intersectionRatio: 1 }], observer);
      }
      quiet = 0;
      requestAnimationFrame(settle);
    };
    window.IntersectionObserver = class extends Native {
      constructor(callback, options) {
        super(callback, options);
        this.csbsEager = LAZY_MARGINS.has(options?.rootMargin) ? callback : undefined;
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

  // --- Redoc's markup, adjusted as it appears (React leaves attributes and nodes it does not render alone).
  const noscript = document.getElementById("csbs-noscript")?.textContent ?? "";
  const download = /href="(data:application\/json[^"]+)"/.exec(noscript)?.[1];
  const copyLabel = (button) => {
    const section = button.closest("[data-section-id]")?.getAttribute("data-section-id") ?? "/";
    if (section === "/") return ["Copy OpenAPI (YAML)", "Copy the whole OpenAPI document, as YAML"];
    const what = section.split("/").length > 2 ? "operation" : "group";
    return ["Copy as Markdown", `Copy this ${what} as Markdown, with its part of the OpenAPI document as YAML`];
  };
  /** Text nodes of an element that React renders; changing their text keeps React's nodes in place. */
  const relabel = (button, text) => {
    const node = [...button.childNodes].find((n) => n.nodeType === 3 && n.nodeValue.trim());
    if (node && node.nodeValue !== text && /^(Copy|Copied)/.test(node.nodeValue.trim())) node.nodeValue = text;
  };
  const adjust = (root) => {
    // Sidebar links are written as paths (`/backups/…`): from file:// they would open files. As fragments they work
    // everywhere, and Redoc's router reads them the same.
    for (const a of root.querySelectorAll?.('a[href^="/"]:not([href^="//"])') ?? []) {
      a.setAttribute("href", `#${a.getAttribute("href")}`);
    }
    // Redoc's "Copy" page actions copy the whole document (the intro's) or a part as Markdown: say which.
    for (const button of root.querySelectorAll?.('[data-testid="page-actions"] > button') ?? []) {
      const [text, title] = copyLabel(button);
      if (button.title !== title) button.title = title;
      if (/^Cop(y|ied)$/.test(button.textContent.trim())) relabel(button, text);
    }
    // The intro's page actions also offer the OpenAPI document itself, from this page (a data: URL, no request).
    const intro = redoc.querySelector('[data-section-id="/"] [data-testid="page-actions"]');
    if (intro && download && !intro.querySelector(".csbs-download")) {
      const link = Object.assign(document.createElement("a"), {
        className: "csbs-download",
        href: download,
        download: "csbs-openapi.json",
        textContent: "Download OpenAPI (JSON)",
      });
      intro.append(link);
    }
    // The example menu's name must contain what it shows (WCAG 2.5.3): "Example: <the example's title>".
    for (const button of root.querySelectorAll?.('button[aria-label^="Example"]') ?? []) {
      const name = `Example: ${button.textContent.trim()}`;
      if (button.getAttribute("aria-label") !== name) button.setAttribute("aria-label", name);
    }
    // A table wider than its column scrolls sideways: the keyboard can scroll it too (WCAG 2.1.1).
    for (const wrapper of redoc.querySelectorAll(".md-table-wrapper")) {
      const scrolls = wrapper.scrollWidth > wrapper.clientWidth;
      if (scrolls && !wrapper.hasAttribute("tabindex")) {
        wrapper.setAttribute("tabindex", "0");
        wrapper.setAttribute("role", "region");
        wrapper.setAttribute("aria-label", "Table, scrolls sideways");
      }
    }
    // Headings never skip a level (Redoc puts an operation's "Request" h4 under its h2): the level a heading has for
    // assistive technology is at most one below the one before it.
    let previous = 0;
    for (const heading of redoc.querySelectorAll("h1, h2, h3, h4, h5, h6")) {
      const native = Number(heading.tagName[1]);
      const level = Math.min(native, previous + 1);
      if (level !== native) heading.setAttribute("aria-level", String(level));
      else heading.removeAttribute("aria-level");
      previous = level;
    }
    // The search box opens on Ctrl+K; it is also reachable with Tab and opens with Enter or Space.
    const search = redoc.querySelector('[data-testid="search-trigger"]');
    if (search && !search.hasAttribute("tabindex")) {
      search.setAttribute("tabindex", "0");
      search.setAttribute("role", "button");
      search.addEventListener("keydown", (event) => {
        if (event.key !== "Enter" && event.key !== " ") return;
        event.preventDefault();
        search.click();
      });
    }
  };
  adjust(redoc);
  window.addEventListener("resize", () => adjust(redoc));
  // Once a frame at most, however many nodes Redoc renders (its own changes above cause one more, quiet, round).
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      adjust(redoc);
    });
  }).observe(redoc, { childList: true, subtree: true, characterData: true });
})();
