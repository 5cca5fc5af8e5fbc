import type { Department } from '#domain';
import { addressMail } from './recipients.service.js';

const dept = (id: number, name: string, contactEmails: string[] | null) => ({ id, name, contactEmails }) as Department;
const scj = dept(1, '市市场监管局', ['scj@gov.test']);
const fgw = dept(2, '市发展改革委', null);
const OFFICE = ['office@gov.test'];
const USERS = new Map([
  [1, ['zhang@gov.test', 'SCJ@gov.test']],
  [2, ['li@gov.test']],
]);

describe('addressMail: department mailboxes, responsible users, the office', () => {
  it.each([
    ['mailboxes only', [scj], [fgw], 'none', new Map(), { to: ['scj@gov.test'], cc: [], missingContacts: ['市发展改革委'] }],
    ['with responsible users', [scj], [fgw], 'none', USERS, { to: ['scj@gov.test', 'zhang@gov.test'], cc: ['li@gov.test'], missingContacts: [] }],
    ['a department with users but no mailbox is reached', [fgw], [], 'none', USERS, { to: ['li@gov.test'], cc: [], missingContacts: [] }],
    ['escalation: the office first, departments copied', [scj], [fgw], 'to', USERS, { to: ['office@gov.test'], cc: ['scj@gov.test', 'zhang@gov.test', 'li@gov.test'], missingContacts: [] }],
    ['nobody in to: the copies move up', [fgw], [scj], 'none', new Map(), { to: ['scj@gov.test'], cc: [], missingContacts: ['市发展改革委'] }],
  ] as const)('%s', (_name, to, cc, coordinators, users, expected) => {
    const addressed = addressMail([...to], [...cc], coordinators, OFFICE, users);
    expect({ to: addressed.to, cc: addressed.cc, missingContacts: addressed.missingContacts }).toEqual(expected);
  });

  it('names the departments and the office as the audience of in-app notices and chat', () => {
    expect(addressMail([scj], [fgw], 'cc', OFFICE).audience).toEqual({ departments: [1, 2], office: true });
    expect(addressMail([scj], [], 'none', OFFICE).audience).toEqual({ departments: [1], office: false });
  });
});
