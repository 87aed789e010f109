import type { Locator, Page } from 'playwright-core';

/*
 * The checks below run inside the browser. The project compiles for Node, without TypeScript's DOM
 * library, so the few browser APIs they use are described here; these declarations are local to
 * this module and emit nothing.
 */
interface DomElement {
  tagName: string;
  textContent: string | null;
  parentElement: DomElement | null;
  childNodes: ArrayLike<{ nodeType: number; textContent: string | null }>;
  getAttribute(name: string): string | null;
  matches(selector: string): boolean;
  closest(selector: string): DomElement | null;
  getClientRects(): { length: number };
  getBoundingClientRect(): { height: number };
}
interface DomControl extends DomElement {
  type: string;
  name: string;
  value: string;
  labels: ArrayLike<DomElement> | null;
}
declare const document: {
  body: { querySelectorAll(selector: string): ArrayLike<DomElement> };
  documentElement: { scrollWidth: number; clientWidth: number };
  getElementById(id: string): DomElement | null;
};
declare function getComputedStyle(element: DomElement): { color: string; backgroundColor: string; opacity: string; visibility: string };

/** WCAG 2.2 AA: text needs 4.5:1 against its background; we ask it of all text, headings included. */
export const MIN_CONTRAST = 4.5;
/** Apple's and WCAG 2.5.5's comfortable minimum for a finger: 44 CSS pixels. */
export const MIN_TAP_TARGET_PX = 44;

/** Form controls a screen reader or a tap on the label cannot find: no <label> points to them, or it is empty. */
function unlabelledControls(page: Page): Promise<string[]> {
  return page.locator('input:not([type=hidden]), select, textarea').evaluateAll((elements) =>
    (elements as unknown as DomControl[])
      .filter((control) => {
        const labels = control.labels;
        return !labels || !Array.from(labels).some((label) => (label.textContent ?? '').trim() !== '');
      })
      .map((control) => control.getAttribute('name') ?? control.tagName),
  );
}

/**
 * Things a finger must hit that are shorter than 44 px. A radio button or checkbox counts with the
 * label around it: the whole label is the target, as tapping its text ticks the box.
 */
function smallTapTargets(page: Page): Promise<{ target: string; heightPx: number }[]> {
  return page.locator('button, input:not([type=hidden]), select, textarea').evaluateAll((elements, minimum) =>
    (elements as unknown as DomControl[])
      .map((input) => {
        const choice = input.type === 'checkbox' || input.type === 'radio';
        const target = choice ? (input.closest('label') ?? input) : input;
        const name = input.tagName === 'BUTTON' ? `button "${input.textContent?.trim()}"` : `${input.name}${choice ? `=${input.value}` : ''}`;
        return { target: name, heightPx: Math.round(target.getBoundingClientRect().height) };
      })
      .filter((found) => found.heightPx < minimum),
    MIN_TAP_TARGET_PX,
  );
}

export interface ContrastFinding {
  text: string;
  ratio: number;
  color: string;
  background: string;
}

/**
 * Every visible piece of text, and each form control for the text typed into it, with its contrast
 * ratio from the computed colours: the text colour (faded by the opacity of its element and its
 * ancestors) laid over the first opaque background behind it, translucent layers composed on the way.
 */
export function textContrasts(page: Page): Promise<ContrastFinding[]> {
  return page.evaluate(() => {
    type Rgba = [number, number, number, number];
    const parse = (css: string): Rgba => {
      const parts = css.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0, 0];
      return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
    };
    const over = (top: Rgba, bottom: Rgba): Rgba => {
      const alpha = top[3] + bottom[3] * (1 - top[3]);
      const mix = (i: number) => (alpha === 0 ? 0 : (top[i]! * top[3] + bottom[i]! * bottom[3] * (1 - top[3])) / alpha);
      return [mix(0), mix(1), mix(2), alpha];
    };
    const luminance = ([r, g, b]: Rgba) => {
      const channel = (value: number) => {
        const s = value / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const backgroundBehind = (element: DomElement): Rgba => {
      const layers: Rgba[] = [];
      for (let node: DomElement | null = element; node; node = node.parentElement) {
        const layer = parse(getComputedStyle(node).backgroundColor);
        if (layer[3] > 0) layers.push(layer);
        if (layer[3] >= 1) break;
      }
      return layers.reduceRight<Rgba>((below, layer) => over(layer, below), [255, 255, 255, 1]);
    };
    const opacityOf = (element: DomElement) => {
      let opacity = 1;
      for (let node: DomElement | null = element; node; node = node.parentElement) opacity *= Number(getComputedStyle(node).opacity);
      return opacity;
    };
    const shown = (element: DomElement) => element.getClientRects().length > 0 && getComputedStyle(element).visibility !== 'hidden';
    const textOf = (element: DomElement) =>
      element.matches('input, select, textarea')
        ? `field ${element.getAttribute('name') ?? ''}`
        : Array.from(element.childNodes).filter((node) => node.nodeType === 3 /* a text node */).map((node) => node.textContent ?? '').join('').trim();

    return Array.from(document.body.querySelectorAll('*'))
      .filter((element) => shown(element) && textOf(element) !== '' && !element.matches('input[type=checkbox], input[type=radio], input[type=hidden]'))
      .map((element) => {
        const background = backgroundBehind(element);
        const style = parse(getComputedStyle(element).color);
        const color = over([style[0], style[1], style[2], style[3] * opacityOf(element)], background);
        const [light, dark] = [luminance(color), luminance(background)].sort((a, b) => b - a) as [number, number];
        return {
          text: textOf(element).slice(0, 60),
          ratio: Math.round(((light + 0.05) / (dark + 0.05)) * 100) / 100,
          color: `rgb(${color.slice(0, 3).map(Math.round).join(', ')})`,
          background: `rgb(${background.slice(0, 3).map(Math.round).join(', ')})`,
        };
      });
  });
}

/**
 * What an officer on a 390 px phone would trip over, one line each: a control without a label, a
 * target too small for a finger, text too faint to read in daylight, a page that scrolls sideways.
 */
export async function usabilityProblems(page: Page): Promise<string[]> {
  const [unlabelled, small, contrasts, overflow] = await Promise.all([
    unlabelledControls(page),
    smallTapTargets(page),
    textContrasts(page),
    page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
  ]);
  return [
    ...unlabelled.map((name) => `no label for ${name}`),
    ...small.map(({ target, heightPx }) => `${target} is ${heightPx} px high, under ${MIN_TAP_TARGET_PX} px`),
    ...contrasts
      .filter(({ ratio }) => ratio < MIN_CONTRAST)
      .map(({ text, ratio, color, background }) => `"${text}" has contrast ${ratio}:1 (${color} on ${background}), under ${MIN_CONTRAST}:1`),
    ...(overflow > 0 ? [`the page scrolls sideways by ${overflow} px`] : []),
  ];
}

/** Bytes over the wire for a page load, all its requests together. */
export function bytesOf(transfers: { bytes: number }[]): number {
  return transfers.reduce((sum, transfer) => sum + transfer.bytes, 0);
}

/** What a screen reader reads after a field's name: the texts its aria-describedby points to (hint, error), in order. */
export function accessibleDescriptionOf(field: Locator): Promise<string> {
  return field.evaluate((element) =>
    ((element as unknown as DomElement).getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter((id) => id !== '')
      .map((id) => document.getElementById(id)?.textContent?.trim() ?? `(no element #${id})`)
      .join(' '),
  );
}
