import { MAX_UPLOAD_NAME, uploadName } from './upload-name.js';

/** multer's view of a UTF-8 file name: its bytes read as latin1. */
const sent = (name: string) => Buffer.from(name, 'utf8').toString('latin1');

describe('uploadName', () => {
  it.each([
    ['实施意见.txt', '实施意见.txt'],
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\x.txt', 'x.txt'],
    ['/etc/passwd', 'passwd'],
    ['C:\\Users\\张三\\方案.docx', '方案.docx'],
    ['a/b\\c.txt', 'c.txt'],
    ['a\u0000b.txt', 'ab.txt'],
    ['\t名单\r\n.xlsx', '名单.xlsx'],
    ['..', '..'],
    ['', ''],
  ])('%j -> %j', (name, expected) => expect(uploadName(sent(name))).toBe(expected));

  it('cuts a long name to the limit, keeping its extension', () => {
    const long = uploadName(sent(`${'汉'.repeat(300)}.docx`));
    expect([...long]).toHaveLength(MAX_UPLOAD_NAME);
    expect(long.endsWith('汉.docx')).toBe(true);
    expect([...uploadName(sent(`a.${'x'.repeat(300)}`))]).toHaveLength(MAX_UPLOAD_NAME);
  });
});
