import { askQuestion } from '../../../answer/ask.js';
import { detectLang } from '../../../answer/lang.js';
import { questionStats } from '../../../answer/repository.js';
import type { Deps } from '../../../deps.js';
import { userSentence } from '../../../errors.js';
import { isAdmin } from '../../../workspace/repository.js';
import { answerBlocks, answerText } from '../../blocks/answer.js';
import { helpBlocks, helpText } from '../../blocks/help.js';
import { statsBlocks } from '../../blocks/stats.js';
import { withStanding } from '../../blocks/status.js';
import { plainText } from '../../incoming-text.js';
import { acceptCommand } from '../../payloads.js';
import { planForQuestion, planNameBlocks } from '../../plan-choice.js';
import { standingBlocksFor } from '../../progress-surfaces.js';
import type { Listeners } from '../../router.js';
import { parsePlanCommand } from './parse-plan.js';
import { planAdminCommand } from './plan-admin.js';
import { planExport, planStatus } from './plan-progress.js';
import { handlePlanSchedule, handleSummaryPreview } from './schedule.js';

/** `/plan`: questions about the plan, and the admins' sub-commands. */
export function registerPlanCommand(app: Listeners, deps: Deps): void {
  app.command('/plan', async ({ ack, body, respond, client }) => {
    await ack();
    const cmd = await acceptCommand(body, respond);
    if (!cmd) return;
    const action = parsePlanCommand(plainText(cmd.text));
    // A bare keyword (help, stats) says nothing of the asker's language: Chinese first.
    const lang = action.kind === 'question' ? detectLang(action.text) : 'zh';
    try {
      switch (action.kind) {
        case 'help':
          await respond({
            response_type: 'ephemeral',
            text: helpText(lang, deps.catalogue),
            blocks: helpBlocks(lang, deps.catalogue),
          });
          return;
        case 'stats': {
          if (!(await isAdmin(deps.db, cmd.user_id))) {
            await respond({
              response_type: 'ephemeral',
              text: '只有管理员可以查看提问统计。(Only admins can see question statistics.)',
            });
            return;
          }
          const blocks = statsBlocks(await questionStats(deps.db));
          await respond({ response_type: 'ephemeral', text: '提问统计', blocks });
          return;
        }
        case 'plans':
        case 'import':
        case 'review':
          await planAdminCommand(deps, client, respond, cmd, lang, action);
          return;
        case 'status':
          await planStatus(deps, respond, cmd, lang, action.unit);
          return;
        case 'export':
          await planExport(deps, client, respond, cmd, lang, action);
          return;
        case 'schedule':
          await respond({ response_type: 'ephemeral', ...(await handlePlanSchedule(deps, cmd, action.args)) });
          return;
        case 'summary_preview':
          await respond({ response_type: 'ephemeral', ...(await handleSummaryPreview(deps, cmd, action.args)) });
          return;
        case 'question': {
          const { entry, searched } = await planForQuestion(deps, action.text, cmd.channel_id);
          const { answer, questionId } = await askQuestion(
            { ...deps, answerer: entry.answerer },
            {
              userId: cmd.user_id,
              surface: 'command',
              question: action.text,
              channel: cmd.channel_id,
            },
          );
          await respond({
            response_type: 'ephemeral',
            text: answerText(answer),
            blocks: withStanding(
              [
                ...planNameBlocks(deps, entry, answer.lang, answer.grounded ? [] : searched),
                ...answerBlocks(answer, { questionId, shareable: true }),
              ],
              await standingBlocksFor(deps, action.text, answer.lang, entry.catalogue),
            ),
          });
          return;
        }
      }
    } catch (error) {
      deps.logger.error('/plan failed', { error, user: cmd.user_id });
      await respond({ response_type: 'ephemeral', text: userSentence(error, lang) });
    }
  });
}
