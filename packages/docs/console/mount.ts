/**
 * Where each operation's console goes in the page Redoc rendered. Redoc 3 gives each operation's section the id
 * `<group>/<operationId in lower case>` (`other/listcheckpointitems` when untagged, the tag's slug otherwise); the
 * console goes at the end of the section's first middle panel, under the operation's heading. Redoc renders sections
 * as they scroll into view and may render one again: a MutationObserver puts each console (the same element, so what
 * the reader typed stays) back wherever its section is.
 */
import type { OperationModel } from "@csbs/types/model";

const normal = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, "");

/** The section of an operation: the element whose id is `<group>/<operationId>`, not one of its parts. */
export function sectionOf(op: OperationModel, root: ParentNode = document): Element | undefined {
  const want = normal(op.operationId);
  for (const element of root.querySelectorAll("[id]")) {
    const parts = element.id.split("/");
    if (parts.length === 2 && normal(parts[1] ?? "") === want) return element;
  }
  return undefined;
}

/** Where the console goes in a section: after the heading, in the middle column. */
const slotOf = (section: Element): Element => section.querySelector('[data-testid="middle-panel"]') ?? section;

/** Puts a console in each operation's section, now and whenever Redoc renders one; returns a stop function. */
export function mountConsoles(operations: readonly OperationModel[], make: (op: OperationModel) => HTMLElement) {
  const consoles = new Map<OperationModel, HTMLElement>();
  const place = () => {
    for (const op of operations) {
      const section = sectionOf(op);
      if (!section) continue;
      const slot = slotOf(section);
      let element = consoles.get(op);
      if (element?.parentElement === slot) continue;
      element ??= make(op);
      consoles.set(op, element);
      slot.append(element);
    }
  };
  let queued = false;
  const observer = new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      place();
    });
  });
  observer.observe(document.getElementById("redoc") ?? document.body, { childList: true, subtree: true });
  place();
  return () => observer.disconnect();
}
