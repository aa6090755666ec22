import type { Social } from './question.js';
import type { Answer, Lang } from './types.js';

/** Short friendly replies to small talk and to questions about using the bot; they point to `/plan help`. */
const REPLIES: Record<Social, Record<Lang, string>> = {
  greeting: {
    zh: '你好！我可以回答关于计划内容的问题，比如目标、任务、牵头单位和时间要求，直接提问即可。输入 /plan help 查看全部用法。',
    en: 'Hello! Ask me anything about the plan: its targets, tasks, who leads them and their deadlines. Type /plan help to see everything I can do.',
  },
  thanks: {
    zh: '不客气！还有问题随时问我；输入 /plan help 查看全部用法。',
    en: "You're welcome! Ask again any time; /plan help shows everything I can do.",
  },
  help: {
    zh: '填报进展、查看进度和导出等操作的用法见 /plan help（例如 /progress 打开填报窗口）。关于计划内容的问题可以直接问我。',
    en: 'How to report progress, check status or export is in /plan help (for example, /progress opens the update form). Questions about the plan itself you can ask me directly.',
  },
};

export function socialReply(social: Social, lang: Lang): Answer {
  return { answer: REPLIES[social][lang], grounded: false, mode: 'extractive', citations: [], lang, social: true };
}
