// Response examples for the OpenAPI document.
export const PLAN_SUMMARY_EXAMPLE = {
  id: 1,
  title: '武汉市关于推进新时代质量强市建设的实施意见',
  issuer: '武汉市质量强市工作委员会办公室',
  docNumber: null,
  issued: '2023-11-09',
  version: 1,
  current: true,
  supersededById: null,
  sourceFileName: '000_9530e3e23b78b6bb.txt',
  importedAt: '2024-12-10T09:02:00.000Z',
  itemCount: 35,
  taskCount: 24,
};

export const ITEM_NODE_EXAMPLE = {
  id: 7,
  number: '三、',
  title: '重点任务',
  kind: 'section',
  status: '未启动',
  dueText: null,
  deadline: null,
  lead: [],
  co: [],
  children: [
    {
      id: 8,
      number: '(一)',
      title: '推动经济质量效益型发展',
      kind: 'group',
      status: '未启动',
      dueText: null,
      deadline: null,
      lead: [],
      co: [],
      children: [
        {
          id: 9,
          number: '1',
          title: '夯实科技创新质量支撑',
          kind: 'task',
          status: '未启动',
          dueText: '2025年12月底前',
          deadline: '2025-12-31',
          lead: ['市科技局'],
          co: ['市市场监管局'],
          children: [],
        },
      ],
    },
  ],
};
