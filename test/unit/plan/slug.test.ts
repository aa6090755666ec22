import { describe, expect, it } from 'vitest';
import { defaultSlug, SLUG, titleCore } from '../../../src/plan/slug.js';

describe('an imported plan’s default slug', () => {
  it('is the file’s name when the admin named the file in ascii', async () => {
    expect(await defaultSlug('NMG keji_2015.docx', '内蒙古质监科技创新发展三年行动计划')).toBe('nmg-keji-2015');
    expect(await defaultSlug('plan.txt', '某市推进智慧农业发展三年行动方案')).toBe('plan');
  });

  it('is the title’s core words in pinyin when the file name holds no ascii letters', async () => {
    expect(await defaultSlug('智慧农业行动方案.docx', '某市推进智慧农业发展三年行动方案')).toBe(
      'moushi-tuijin-zhihui-nongye-fazhan',
    );
    expect(await defaultSlug('附件1.pdf', '国家职业教育改革实施方案')).toBe('guojia-zhiyejiaoyu-gaige-shishi-fangan');
  });

  it('leaves out the issuer, the kind of document, linking words and brackets, and keeps the year', async () => {
    expect(titleCore('国务院办公厅关于加快发展体育竞赛表演产业的指导意见')).toBe('加快发展体育竞赛表演产业');
    expect(titleCore('关于印发《政府网站集约化试点工作方案》的通知')).toBe('政府网站集约化试点工作方案');
    expect(titleCore('国务院关于河北雄安新区总体规划（2018—2035年）的批复')).toBe('河北雄安新区总体规划');
    expect(await defaultSlug('批复.txt', '国务院关于河北雄安新区总体规划（2018—2035年）的批复')).toBe(
      'hebei-xionganxinqu-zongti-guihua-2018',
    );
    expect(await defaultSlug('方案.txt', '国家组织药品集中采购和使用试点方案')).toBe(
      'guojia-zuzhi-yaopin-jizhong-caigou',
    );
    expect(await defaultSlug('要点.txt', '关于印发《2024年全市安全生产工作要点》的通知')).toBe(
      '2024-quanshi-anquan-shengchan-gongzuo',
    );
  });

  it('is always a slug `plan add --slug` would take, at most 63 characters', async () => {
    const titles = ['', '！！！', '“”', 'A'.repeat(200), '很'.repeat(100), '2024年', '关于印发的通知'];
    for (const title of titles) {
      const slug = await defaultSlug('文件.docx', title);
      expect(slug).toMatch(SLUG);
      expect(slug.length).toBeLessThanOrEqual(63);
    }
    expect(await defaultSlug('文件.docx', '！！！')).toBe('plan');
  });
});
