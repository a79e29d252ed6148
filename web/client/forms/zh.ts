// form-js speaks English in its validation messages and a few controls; the office reads Chinese. Messages
// are translated where form-js produces them (its validator service); the controls' words (placeholders, the
// list buttons, aria labels) by a watcher over the form's DOM; the date picker by flatpickr's own zh locale.
import flatpickr from 'flatpickr';
import { Mandarin } from 'flatpickr/dist/l10n/zh.js';

flatpickr.localize(Mandarin);

const messages: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^Field is required\.$/, () => '请填写此项'],
  [/^Field must have minimum length of (\d+)\.$/, (m) => `至少 ${m[1]} 个字`],
  [/^Field must have maximum length of (\d+)\.$/, (m) => `最多 ${m[1]} 个字`],
  [/^Field must have minimum value of (.+)\.$/, (m) => `不能小于 ${m[1]}`],
  [/^Field must have maximum value of (.+)\.$/, (m) => `不能大于 ${m[1]}`],
  [/^Field must match pattern .*$/, () => '格式不正确'],
  [/^Field must be a valid email\.$/, () => '请输入有效的电子邮件地址'],
  [
    /^Field must be a valid\s+international phone number.*$/,
    () => '请输入有效的国际电话号码，如 +8613800000000',
  ],
  [/^Min validation value is not a valid number\.$/, () => '最小值设置无效'],
  [/^Max validation value is not a valid number\.$/, () => '最大值设置无效'],
  [/^Value is not a number\.$/, () => '请输入数字'],
  [/^Value is expected to be an integer\.$/, () => '请输入整数'],
  [/^Value is expected to have at most (\d+) decimal digits?\.$/, (m) => `最多 ${m[1]} 位小数`],
  [
    /^Please select a valid value, the two nearest valid values are (.+) and (.+)\.$/,
    (m) => `请输入有效的值，最接近的是 ${m[1]} 或 ${m[2]}`,
  ],
  [/^Date and time must both be entered\.$/, () => '请同时填写日期和时间'],
];

export function translateMessage(message: string): string {
  for (const [re, to] of messages) {
    const m = message.match(re);
    if (m) return to(m);
  }
  return message;
}

const words: Record<string, string> = {
  Select: '请选择',
  Search: '搜索',
  'No results': '没有匹配的选项',
  'All values selected': '已全部选择',
  'Add new': '添加一项',
  Collapse: '收起',
  Increment: '增加',
  Decrement: '减少',
  'Remove tag': '移除',
  'hh:mm': '时:分',
  'hh:mm --': '时:分',
  'Date and time must both be entered.': '请同时填写日期和时间',
  'No files selected': '未选择文件',
  Browse: '选择文件',
};

function translateText(text: string): string | undefined {
  const t = text.trim();
  if (words[t]) return text.replace(t, words[t]);
  const expand = t.match(/^Expand all \((\d+)\)$/);
  if (expand) return `展开全部（${expand[1]}）`;
  const remove = t.match(/^Remove list item (\d+)$/);
  if (remove) return `删除第 ${remove[1]} 项`;
  if (/^[ymd]{1,4}([/.-][ymd]{1,4}){2}$/i.test(t)) return '年/月/日';
  return undefined;
}

function translateNode(node: Node): void {
  if (node.nodeType === Node.TEXT_NODE) {
    const to = node.nodeValue ? translateText(node.nodeValue) : undefined;
    if (to !== undefined && to !== node.nodeValue) node.nodeValue = to;
    return;
  }
  if (!(node instanceof Element)) return;
  for (const attr of ['placeholder', 'aria-label', 'title']) {
    const v = node.getAttribute(attr);
    const to = v ? translateText(v) : undefined;
    if (to !== undefined && to !== v) node.setAttribute(attr, to);
  }
  node.childNodes.forEach(translateNode);
}

/** Keeps the form's own words Chinese as it renders; returns a function that stops watching. */
export function translateForm(container: HTMLElement): () => void {
  translateNode(container);
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'characterData' || r.type === 'attributes') translateNode(r.target);
      r.addedNodes.forEach(translateNode);
    }
  });
  observer.observe(container, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['placeholder', 'aria-label', 'title'],
  });
  return () => observer.disconnect();
}
