/**
 * Pasted HTML, made fit for the report before ProseMirror reads it. Word processors and web
 * pages bring scripts, style sheets, comments, remote pictures and Word's own list paragraphs;
 * the writer keeps structure (headings, lists, tables, emphasis) and drops the rest. The schema
 * would ignore most of it anyway; removing it here means nothing is fetched and we can say what
 * was left out. Pictures are not kept: a report's pictures are the case's figures, and a picture
 * the analyst wants to keep belongs to a source as its attachment.
 */

export interface CleanedPaste {
  html: string;
  /** Pictures left out: from the web (never fetched: the app works offline) and pasted ones. */
  remoteImages: number;
  embeddedImages: number;
  /** Scripts, style sheets, frames and embedded objects removed. */
  removedActive: number;
}

const ACTIVE = 'script, style, link, meta, iframe, frame, frameset, object, embed, applet, noscript, template, base, form, svg, math, video, audio, source, track, canvas';

export function cleanPastedHtml(html: string): CleanedPaste {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  let removedActive = 0;
  for (const el of Array.from(doc.querySelectorAll(ACTIVE))) {
    el.remove();
    removedActive++;
  }
  let remoteImages = 0;
  let embeddedImages = 0;
  for (const img of Array.from(doc.querySelectorAll('img, picture'))) {
    const src = img.getAttribute('src') ?? '';
    if (/^data:/i.test(src.trim())) embeddedImages++;
    else if (img.tagName.toLowerCase() !== 'picture') remoteImages++;
    img.remove();
  }
  // Word and some editors carry their own markup in comments (<!--[if gte mso 9]>…).
  const comments = doc.createTreeWalker(doc.body, NodeFilter.SHOW_COMMENT);
  const dead: Node[] = [];
  while (comments.nextNode()) dead.push(comments.currentNode);
  for (const node of dead) node.parentNode?.removeChild(node);
  for (const el of Array.from(doc.body.querySelectorAll('*'))) {
    for (const attr of Array.from(el.attributes)) {
      // Handlers and links go; inline style stays for ProseMirror to read emphasis from (Google Docs spans).
      if (/^on/i.test(attr.name) || attr.name === 'href' || attr.name === 'src' || attr.name === 'srcset' || attr.name === 'background') el.removeAttribute(attr.name);
    }
  }
  wordListsToLists(doc);
  return { html: doc.body.innerHTML, remoteImages, embeddedImages, removedActive };
}

/** Word writes list items as paragraphs (class MsoListParagraph…, style mso-list) with the bullet as text. */
function wordListsToLists(doc: Document): void {
  const isWordItem = (el: Element | null): el is HTMLElement => !!el && el.tagName === 'P' && (/MsoListParagraph/i.test(el.className) || /mso-list:/i.test(el.getAttribute('style') ?? ''));
  for (const first of Array.from(doc.body.querySelectorAll('p'))) {
    if (!first.isConnected || !isWordItem(first) || isWordItem(first.previousElementSibling)) continue;
    const items: HTMLElement[] = [];
    for (let el: Element | null = first; isWordItem(el); el = el.nextElementSibling) items.push(el);
    const marker = markerOf(items[0]!);
    const list = doc.createElement(/^[\s(]*[0-9a-zA-Z]{1,4}[.)]/.test(marker) ? 'ol' : 'ul');
    first.before(list);
    for (const p of items) {
      stripMarker(p);
      const li = doc.createElement('li');
      const para = doc.createElement('p');
      para.append(...Array.from(p.childNodes));
      li.append(para);
      list.append(li);
      p.remove();
    }
  }
}

/** The bullet or number Word wrote before the text (in a span styled mso-list:Ignore, or as leading text). */
function markerOf(p: HTMLElement): string {
  const ignored = p.querySelector('[style*="mso-list:Ignore" i], [style*="mso-list: Ignore" i]');
  return (ignored?.textContent ?? p.textContent ?? '').trim().slice(0, 8);
}

function stripMarker(p: HTMLElement): void {
  const ignored = p.querySelector('[style*="mso-list:Ignore" i], [style*="mso-list: Ignore" i]');
  if (ignored) {
    ignored.remove();
    return;
  }
  const first = p.firstChild;
  if (first?.nodeType === Node.TEXT_NODE) first.textContent = (first.textContent ?? '').replace(/^\s*(?:[·•▪o§-]|[0-9a-zA-Z]{1,4}[.)])\s+/, '');
}

/** What the analyst is told after a paste that left something out (null: nothing worth saying). */
export function pasteNotice(cleaned: Pick<CleanedPaste, 'remoteImages' | 'embeddedImages'>, files = 0): string | null {
  const pictures = cleaned.remoteImages + cleaned.embeddedImages + files;
  if (pictures === 0) return null;
  const what = pictures === 1 ? '1 picture was' : `${pictures} pictures were`;
  return `Pasted without pictures: ${what} left out. Pictures from the web are never fetched (the app works offline), and the report's text holds no pasted pictures. To keep a picture, attach it to a source (Sources, Attachment) and cite that source; charts of the case go in as figures.`;
}
