import { seriesKeyOf } from './series-key.js';

describe('seriesKeyOf', () => {
  it.each([
    ['关于推进新时代质量强市建设的实施意见', '关于推进新时代质量强市建设的实施意见'],
    ['关于推进新时代质量强市建设的 实施意见', '关于推进新时代质量强市建设的实施意见'],
    ['《武汉市质量强市建设实施方案》', '武汉市质量强市建设实施方案'],
    ['武汉市质量强市建设实施方案(修订)', '武汉市质量强市建设实施方案'],
    ['武汉市质量强市建设实施方案（2024年修订版）', '武汉市质量强市建设实施方案'],
    ['武汉市质量强市建设实施方案(征求意见稿)', '武汉市质量强市建设实施方案'],
    ['武汉市质量强市建设实施方案（试行）', '武汉市质量强市建设实施方案'],
    ['“十四五”质量强市规划', '十四五质量强市规划'],
    ['ＡＢＣ市２０２４年质量工作要点', 'abc市2024年质量工作要点'],
  ])('%s -> %s', (title, key) => {
    expect(seriesKeyOf(title)).toBe(key);
  });

  it('keeps different years apart', () => {
    expect(seriesKeyOf('2024年质量工作要点')).not.toBe(seriesKeyOf('2025年质量工作要点'));
  });

  it('keeps different cities apart', () => {
    expect(seriesKeyOf('武汉市质量强市建设实施方案')).not.toBe(seriesKeyOf('衡阳市质量强市建设实施方案'));
  });
});
