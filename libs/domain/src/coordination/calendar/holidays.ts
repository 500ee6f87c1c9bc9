// China's statutory public holidays and make-up working days (调休上班), as published each year by
// the General Office of the State Council (国务院办公厅关于××年部分节假日安排的通知). Legal clocks
// counted in working days depend on them, so they are data: a new year is one more entry here,
// and the calendar refuses dates in years that have no entry instead of guessing.
import type { CalendarYear } from './working-calendar.js';

export const CN_PUBLIC_HOLIDAYS: readonly CalendarYear[] = [
  {
    year: 2021,
    notice: '国务院办公厅关于2021年部分节假日安排的通知（国办发明电〔2020〕27号）',
    holidays: [
      { name: '元旦', from: '2021-01-01', to: '2021-01-03' },
      { name: '春节', from: '2021-02-11', to: '2021-02-17' },
      { name: '清明节', from: '2021-04-03', to: '2021-04-05' },
      { name: '劳动节', from: '2021-05-01', to: '2021-05-05' },
      { name: '端午节', from: '2021-06-12', to: '2021-06-14' },
      { name: '中秋节', from: '2021-09-19', to: '2021-09-21' },
      { name: '国庆节', from: '2021-10-01', to: '2021-10-07' },
    ],
    workdays: [
      { date: '2021-02-07', for: '春节' },
      { date: '2021-02-20', for: '春节' },
      { date: '2021-04-25', for: '劳动节' },
      { date: '2021-05-08', for: '劳动节' },
      { date: '2021-09-18', for: '中秋节' },
      { date: '2021-09-26', for: '国庆节' },
      { date: '2021-10-09', for: '国庆节' },
    ],
  },
  {
    year: 2022,
    notice: '国务院办公厅关于2022年部分节假日安排的通知（国办发明电〔2021〕11号）',
    holidays: [
      { name: '元旦', from: '2022-01-01', to: '2022-01-03' },
      { name: '春节', from: '2022-01-31', to: '2022-02-06' },
      { name: '清明节', from: '2022-04-03', to: '2022-04-05' },
      { name: '劳动节', from: '2022-04-30', to: '2022-05-04' },
      { name: '端午节', from: '2022-06-03', to: '2022-06-05' },
      { name: '中秋节', from: '2022-09-10', to: '2022-09-12' },
      { name: '国庆节', from: '2022-10-01', to: '2022-10-07' },
    ],
    workdays: [
      { date: '2022-01-29', for: '春节' },
      { date: '2022-01-30', for: '春节' },
      { date: '2022-04-02', for: '清明节' },
      { date: '2022-04-24', for: '劳动节' },
      { date: '2022-05-07', for: '劳动节' },
      { date: '2022-10-08', for: '国庆节' },
      { date: '2022-10-09', for: '国庆节' },
    ],
  },
];
