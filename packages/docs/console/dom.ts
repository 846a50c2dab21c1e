/** A few lines of DOM building: the console is plain DOM, so it adds no framework to the page. */
type Child = Node | string | false | null | undefined;
type Props = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;

/**
 * An element with attributes (`on…` functions become listeners; `true` is an empty attribute, `false`/`undefined`
 * none) and children (strings become text; `false`, `null` and `undefined` are skipped).
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (typeof value === "function") element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, "");
    else if (value !== false && value !== undefined) element.setAttribute(name, String(value));
  }
  element.append(...children.filter((c): c is Node | string => c !== false && c !== null && c !== undefined));
  return element;
}

/** Text with its `code` spans (markdown backticks) as <code> elements: how the spec's descriptions mark names. */
export function prose(text: string): (Node | string)[] {
  return text.split(/`([^`]+)`/).map((part, i) => (i % 2 === 1 ? h("code", {}, part) : part));
}

let counter = 0;
/** A page-unique id for labels and ARIA references. */
export const uid = (stem: string): string => `csbs-${stem.replace(/[^\w-]/g, "-")}-${++counter}`;
