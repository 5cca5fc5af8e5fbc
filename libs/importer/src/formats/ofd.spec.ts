import { advances, runsOfPage } from './ofd.js';

describe('OFD text codes', () => {
  it.each([
    ['3.5 3.5 4', [3.5, 3.5, 4]],
    ['g 3 5.6', [5.6, 5.6, 5.6]],
    ['1 g 2 3 4', [1, 3, 3, 4]],
    ['', []],
  ])('DeltaX %j → %j', (deltaX, expected) => expect(advances(deltaX)).toEqual(expected));

  it('places each text code at its boundary plus its own X/Y, scaled by the CTM, with or without a namespace prefix', () => {
    const runs = runsOfPage(
      `<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer>
        <ofd:TextObject Boundary="25 30 100 8" Size="5"><ofd:TextCode X="0" Y="4.5" DeltaX="g 3 5">一、总则</ofd:TextCode></ofd:TextObject>
        <TextObject Boundary="25 40 100 8" Size="5" CTM="0.5 0 0 0.5 0 0"><TextCode X="10" Y="8">A&amp;B</TextCode></TextObject>
        <ofd:TextObject Boundary="0 0 1 1" Size="5"><ofd:TextCode X="0" Y="0">  </ofd:TextCode></ofd:TextObject>
      </ofd:Layer></ofd:Content></ofd:Page>`,
    );
    expect(runs).toEqual([
      { text: '一、总则', x: 25, y: 34.5, width: 20, size: 5 },
      { text: 'A&B', x: 30, y: 44, width: 2.5, size: 2.5 },
    ]);
  });
});
