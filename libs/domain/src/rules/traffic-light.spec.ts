import { WorkingCalendar } from '../calendar/working-days.js';
import { isOverdue, trafficLight } from './traffic-light.js';

// Weekends only, plus one holiday, so the cases do not depend on the yearly holiday data.
const calendar = new WorkingCalendar({ holidays: ['2024-10-01'], workdays: [] });

describe('isOverdue', () => {
  it.each([
    ['推进中', '2024-10-10', '2024-10-11', true],
    ['推进中', '2024-10-10', '2024-10-10', false],
    ['未启动', '2024-10-10', '2024-12-01', true],
    ['已完成(待审核)', '2024-10-10', '2024-12-01', false],
    ['已销号', '2024-10-10', '2024-12-01', false],
    ['暂缓', '2024-10-10', '2024-12-01', false],
    ['推进中', null, '2024-12-01', false],
  ] as const)('%s, deadline %s, today %s -> %s', (status, deadline, today, expected) => {
    expect(isOverdue(status, deadline, today)).toBe(expected);
  });
});

describe('trafficLight', () => {
  const base = { warnWorkingDays: 5, calendar, reportedThisMonth: true };
  it.each([
    // status, deadline, today, reported, light
    ['推进中', '2024-10-10', '2024-10-11', true, 'red'],
    ['推进中', '2024-12-31', '2024-10-11', true, 'green'],
    ['推进中', '2024-12-31', '2024-10-11', false, 'yellow'],
    // Fri 2024-10-11 -> Fri 2024-10-18 is 5 working days: yellow; Mon 2024-10-21 is 6: green.
    ['推进中', '2024-10-18', '2024-10-11', true, 'yellow'],
    ['推进中', '2024-10-21', '2024-10-11', true, 'green'],
    // The holiday on 2024-10-01 does not count: 09-27 (Fri) -> 10-07 (Mon) = 09-30, 10-02..04, 10-07 = 5.
    ['推进中', '2024-10-07', '2024-09-27', true, 'yellow'],
    ['未启动', null, '2024-10-11', true, 'green'],
    ['已完成(待审核)', '2024-10-10', '2024-10-11', false, 'green'],
    ['暂缓', '2024-10-10', '2024-10-11', false, 'green'],
  ] as const)('%s, deadline %s, today %s, reported %s -> %s', (status, deadline, today, reported, light) => {
    const result = trafficLight({ ...base, status, deadline, today, reportedThisMonth: reported });
    expect(result.light).toBe(light);
    expect(result.overdue).toBe(light === 'red');
    expect(result.reasons.length > 0).toBe(light !== 'green');
  });

  it('says why it is yellow', () => {
    const result = trafficLight({ ...base, status: '推进中', deadline: '2024-10-14', today: '2024-10-11', reportedThisMonth: false });
    expect(result.reasons).toEqual(['距期限仅剩 1 个工作日', '本月进展未报送']);
  });

  it.each([
    // No lead and no deadline: nobody owes a report, so not yellow for a missing one.
    [false, null, 'green'],
    [false, '2024-12-31', 'green'],
    [true, null, 'yellow'],
    // Without a lead, a near deadline still warns.
    [false, '2024-10-14', 'yellow'],
  ] as const)('lead assigned %s, deadline %s, no report -> %s', (hasLead, deadline, light) => {
    expect(trafficLight({ ...base, status: '未启动', deadline, today: '2024-10-11', reportedThisMonth: false, hasLead }).light).toBe(light);
  });
});
