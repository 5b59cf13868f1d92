// A tiny element builder, so screens read as the page they make.
type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | boolean | EventListener> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === "function") element.addEventListener(name.replace(/^on/, ""), value);
    else if (value === true) element.setAttribute(name, "");
    else if (value !== false) element.setAttribute(name, value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined && child !== false) element.append(child);
  }
  return element;
}

export function mount(root: HTMLElement, screen: Node): void {
  root.replaceChildren(screen);
}

// Replaces an element's children, skipping the absent ones as h() does.
export function fill(element: Element, ...children: Child[]): void {
  element.replaceChildren(...children.filter((c): c is Node | string => c !== null && c !== undefined && c !== false));
}

// A labelled input: the label (holding the input) to place, and the input to read.
export function labelledInput(id: string, label: string,
                              attributes: Record<string, string> = {}): [HTMLElement, HTMLInputElement] {
  const input = h("input", { id, name: id, ...attributes });
  return [h("label", { for: id }, label, input), input];
}

// Hands the user `text` as a file to save, as a CSV export does.
export function downloadText(name: string, text: string, type = "text/csv"): void {
  const link = h("a", { href: URL.createObjectURL(new Blob([text], { type })), download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}
