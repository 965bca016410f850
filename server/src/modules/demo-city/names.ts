// Chinese names for the demo city (Tianjin-like places, companies, communities, people) and its departments.
import type { Rng } from './prng.ts';

export type District = {
  name: string;
  /** short form used in company names, e.g. 津南 in 津南热力有限公司 */
  short: string;
  lon: number;
  lat: number;
  radiusKm: number;
  /** relative share of the city's households */
  weight: number;
  /** share of communities built before energy-saving standards (1980–2000) */
  legacyShare: number;
  central: boolean;
  places: readonly string[];
};

/** Ordered: the six central districts first, then the ring districts, then the outer ones. */
export const DISTRICTS: readonly District[] = [
  {
    name: '和平区',
    short: '和平',
    lon: 117.205,
    lat: 39.117,
    radiusKm: 2,
    weight: 4,
    legacyShare: 0.7,
    central: true,
    places: ['小白楼', '劝业场', '五大道', '南市', '新兴', '南营门', '体育馆', '大理道'],
  },
  {
    name: '河西区',
    short: '河西',
    lon: 117.223,
    lat: 39.101,
    radiusKm: 3.5,
    weight: 9,
    legacyShare: 0.45,
    central: true,
    places: ['陈塘庄', '梅江', '友谊路', '尖山', '挂甲寺', '小海地', '大营门', '天塔', '柳林', '越秀路'],
  },
  {
    name: '南开区',
    short: '南开',
    lon: 117.15,
    lat: 39.138,
    radiusKm: 3.5,
    weight: 9,
    legacyShare: 0.45,
    central: true,
    places: ['王顶堤', '华苑', '长虹', '体育中心', '水上', '鼓楼', '学府', '向阳路', '嘉陵道', '万兴'],
  },
  {
    name: '河东区',
    short: '河东',
    lon: 117.252,
    lat: 39.128,
    radiusKm: 3,
    weight: 7,
    legacyShare: 0.5,
    central: true,
    places: ['大王庄', '大直沽', '中山门', '二号桥', '唐家口', '鲁山道', '东新', '向阳楼', '富民路'],
  },
  {
    name: '河北区',
    short: '河北',
    lon: 117.197,
    lat: 39.148,
    radiusKm: 3,
    weight: 6,
    legacyShare: 0.55,
    central: true,
    places: ['王串场', '铁东路', '宁园', '月牙河', '江都路', '建昌道', '光复道', '新开河'],
  },
  {
    name: '红桥区',
    short: '红桥',
    lon: 117.151,
    lat: 39.167,
    radiusKm: 2.5,
    weight: 4,
    legacyShare: 0.5,
    central: true,
    places: ['丁字沽', '西于庄', '芥园', '邵公庄', '咸阳北路', '三条石', '西沽', '和苑'],
  },
  {
    name: '东丽区',
    short: '东丽',
    lon: 117.314,
    lat: 39.087,
    radiusKm: 7,
    weight: 7,
    legacyShare: 0.2,
    central: false,
    places: ['张贵庄', '军粮城', '万新', '无瑕', '金桥', '华明', '新立', '丰年村', '金钟'],
  },
  {
    name: '西青区',
    short: '西青',
    lon: 117.008,
    lat: 39.142,
    radiusKm: 7,
    weight: 8,
    legacyShare: 0.15,
    central: false,
    places: ['杨柳青', '中北', '张家窝', '李七庄', '精武', '大寺', '赤龙南', '辛口', '王稳庄'],
  },
  {
    name: '津南区',
    short: '津南',
    lon: 117.357,
    lat: 38.938,
    radiusKm: 7,
    weight: 6,
    legacyShare: 0.15,
    central: false,
    places: ['咸水沽', '双港', '小站', '八里台', '辛庄', '北闸口', '葛沽', '双桥河'],
  },
  {
    name: '北辰区',
    short: '北辰',
    lon: 117.135,
    lat: 39.225,
    radiusKm: 7,
    weight: 7,
    legacyShare: 0.2,
    central: false,
    places: ['果园新村', '集贤里', '宜兴埠', '天穆', '北仓', '瑞景', '佳荣里', '双街', '大张庄', '青光'],
  },
  {
    name: '滨海新区',
    short: '滨海',
    lon: 117.69,
    lat: 39.025,
    radiusKm: 12,
    weight: 14,
    legacyShare: 0.25,
    central: false,
    places: ['塘沽', '汉沽', '大港', '新港', '北塘', '新北', '胡家园', '杭州道', '泰达', '古林', '海滨'],
  },
  {
    name: '武清区',
    short: '武清',
    lon: 117.044,
    lat: 39.384,
    radiusKm: 8,
    weight: 6,
    legacyShare: 0.1,
    central: false,
    places: ['杨村', '下朱庄', '东蒲洼', '徐官屯', '黄庄', '王庆坨', '运河'],
  },
  {
    name: '静海区',
    short: '静海',
    lon: 116.974,
    lat: 38.947,
    radiusKm: 6,
    weight: 3,
    legacyShare: 0.15,
    central: false,
    places: ['静海镇', '团泊', '大邱庄', '唐官屯', '独流', '华康'],
  },
  {
    name: '宝坻区',
    short: '宝坻',
    lon: 117.309,
    lat: 39.717,
    radiusKm: 6,
    weight: 3,
    legacyShare: 0.15,
    central: false,
    places: ['宝平', '海滨街', '口东', '周良', '钰华'],
  },
  {
    name: '宁河区',
    short: '宁河',
    lon: 117.826,
    lat: 39.33,
    radiusKm: 5,
    weight: 2,
    legacyShare: 0.15,
    central: false,
    places: ['芦台', '桥北', '潘庄', '东棘坨'],
  },
  {
    name: '蓟州区',
    short: '蓟州',
    lon: 117.408,
    lat: 40.046,
    radiusKm: 5,
    weight: 2,
    legacyShare: 0.15,
    central: false,
    places: ['渔阳', '文昌', '下营', '邦均'],
  },
];

export const STREETS: readonly string[] = [
  '南京路',
  '卫津路',
  '友谊路',
  '黄河道',
  '红旗路',
  '复康路',
  '津塘路',
  '中山路',
  '十一经路',
  '解放南路',
  '芥园道',
  '西青道',
  '大沽南路',
  '围堤道',
  '紫金山路',
  '成都道',
  '新华路',
  '湖北路',
  '张自忠路',
  '海河东路',
  '光华路',
  '昆仑路',
  '北马路',
  '育梁道',
  '天拖南路',
  '简阳路',
  '白堤路',
  '华苑路',
  '长江道',
  '咸阳路',
  '金钟河大街',
  '津塘公路',
  '外环线',
  '津港公路',
  '京津公路',
  '杨北公路',
  '幸福道',
  '中环线',
  '迎水道',
  '水上公园路',
];

/** Ordinary descriptive words of new-build community names. */
const ESTATE_WORDS: readonly string[] = [
  '春晖',
  '锦绣',
  '丽景',
  '和苑',
  '瑞景',
  '阳光',
  '翠湖',
  '风荷',
  '雅园',
  '云锦',
  '康居',
  '嘉园',
  '金色',
  '绿洲',
  '海景',
  '馨园',
  '欣苑',
  '怡然',
  '宜居',
  '华城',
  '新城',
  '碧水',
  '盛世',
  '富力',
  '万科',
  '丽水',
  '长安',
  '天海',
  '星河',
  '润园',
  '泰和',
  '紫荆',
  '玉兰',
  '桃源',
  '梅苑',
  '柳岸',
  '荣华',
  '安居',
  '文华',
  '景园',
];
const NEW_SUFFIXES: readonly string[] = [
  '花园',
  '家园',
  '小区',
  '公寓',
  '名邸',
  '雅苑',
  '新城',
  '湾',
  '园',
  '花园',
];
const OLD_WORDS: readonly string[] = [
  '育红',
  '新兴',
  '朝阳',
  '红星',
  '胜利',
  '建设',
  '光明',
  '和平',
  '幸福',
  '团结',
  '向阳',
  '东风',
  '工农',
  '前进',
  '友爱',
  '春华',
  '永安',
  '兴华',
  '长青',
  '复兴',
  '民主',
  '新华',
  '安乐',
  '丰盛',
];
const OLD_SUFFIXES: readonly string[] = ['里', '里', '小区', '新村', '楼'];

const CHINESE_ORDINALS: readonly string[] = ['', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** '' for the first, then 二, 三 … 十, then 11, 12 … */
export function ordinal(n: number): string {
  return CHINESE_ORDINALS[n] ?? String(n + 1);
}

/** Keeps names unique: the second `base` becomes `base` + 二期 (or the caller's decoration). */
export class NameBook {
  private readonly seen = new Map<string, number>();
  take(base: string, decorate: (base: string, n: number) => string): string {
    const n = this.seen.get(base) ?? 0;
    this.seen.set(base, n + 1);
    return n === 0 ? base : decorate(base, n);
  }
}

export function communityBaseName(rng: Rng, place: string, legacy: boolean): string {
  if (legacy) {
    const word = rng.chance(0.35) ? place : rng.pick(OLD_WORDS);
    return word + rng.pick(OLD_SUFFIXES);
  }
  const word = rng.pick(ESTATE_WORDS);
  return (rng.chance(0.45) ? place : '') + word + rng.pick(NEW_SUFFIXES);
}

/** The type word of a heat source name (陈塘庄热电厂, 梅江燃气锅炉房 …). */
export const SOURCE_TYPE_WORDS: Readonly<Record<string, string>> = {
  chp: '热电厂',
  coal_boiler: '燃煤锅炉房',
  gas_boiler: '燃气锅炉房',
  geothermal: '地热供热站',
  heat_pump: '热泵站',
  electric: '蓄热电锅炉房',
  waste_heat: '工业余热利用站',
};
/** Plants whose waste heat the city buys. */
export const WASTE_HEAT_HOSTS: readonly string[] = [
  '天钢',
  '荣程钢铁',
  '大港石化',
  '渤化',
  '天铁',
  '钢管公司',
  '北疆电厂循环水',
  '天津港',
];

const COMPANY_WORDS: readonly string[] = [
  '华源',
  '泰达',
  '万隆',
  '宏达',
  '金海',
  '恒泰',
  '瑞丰',
  '鑫源',
  '安泰',
  '和润',
  '中科',
  '国泰',
  '盛世',
  '众合',
  '海晶',
  '新城',
  '富民',
  '东方',
  '北方',
  '通达',
  '长城',
  '华信',
  '裕丰',
  '城投',
  '津能',
  '海泰',
  '滨能',
  '瑞达',
  '德润',
  '正阳',
  '嘉禾',
  '远洋',
  '联合',
  '鼎盛',
  '永泰',
  '华兴',
];

export function enterpriseBaseName(
  rng: Rng,
  district: District,
  type: string,
  firstInDistrict: boolean,
): string {
  if (type === 'source') {
    return rng.pick([
      `天津${rng.pick(COMPANY_WORDS)}新能源有限公司`,
      `天津${rng.pick(COMPANY_WORDS)}热电有限公司`,
      `${district.short}${rng.pick(COMPANY_WORDS)}地热开发有限公司`,
    ]);
  }
  if (firstInDistrict) return `${district.short}热力有限公司`;
  const word = rng.pick(COMPANY_WORDS);
  return rng.pick([
    `天津${word}热力有限公司`,
    `天津市${district.short}${word}供热有限公司`,
    `天津${word}能源科技有限公司`,
    `${district.short}${word}供热服务有限公司`,
  ]);
}

export const CITY_GROUP_NAME = '天津市津能热力集团有限公司';

/** Common surnames with rough frequency weights. */
const SURNAMES: readonly string[] = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '胡',
  '朱',
  '高',
  '林',
  '何',
  '郭',
  '马',
  '罗',
  '梁',
  '宋',
  '郑',
  '谢',
  '韩',
  '唐',
  '冯',
  '于',
  '董',
  '萧',
  '程',
  '曹',
  '袁',
  '邓',
  '许',
  '傅',
  '沈',
  '曾',
  '彭',
  '吕',
  '苏',
  '卢',
  '蒋',
  '蔡',
  '贾',
  '丁',
  '魏',
  '薛',
  '叶',
  '阎',
  '余',
  '潘',
  '杜',
  '戴',
  '夏',
  '钟',
  '汪',
  '田',
  '任',
  '姜',
  '范',
  '方',
  '石',
  '姚',
  '谭',
  '廖',
  '邹',
  '熊',
  '金',
  '陆',
  '郝',
  '孔',
  '白',
  '崔',
  '康',
  '毛',
  '邱',
  '秦',
  '江',
  '史',
  '顾',
  '侯',
  '邵',
  '孟',
  '龙',
  '万',
  '段',
  '雷',
  '钱',
  '汤',
  '尹',
  '黎',
  '易',
  '常',
  '武',
  '乔',
  '贺',
  '赖',
  '龚',
  '文',
  '欧阳',
  '司马',
];
const GIVEN_NAMES: readonly string[] = [
  '建国',
  '国庆',
  '志强',
  '秀英',
  '桂兰',
  '凤英',
  '立新',
  '建华',
  '海涛',
  '文博',
  '永刚',
  '红梅',
  '晓东',
  '振华',
  '春生',
  '玉兰',
  '宝山',
  '德明',
  '丽华',
  '家豪',
  '宏伟',
  '金凤',
  '卫东',
  '学军',
  '长海',
  '淑珍',
];

/**
 * Masked owner names (张** for a two-character given name, 张* for one): the list is built once so the
 * household loop never builds strings; weights favour the common surnames at the front.
 */
export const MASKED_OWNER_NAMES: readonly string[] = SURNAMES.flatMap((s) => [
  `${s}**`,
  `${s}**`,
  `${s}**`,
  `${s}*`,
]);
/** Cumulative weights for MASKED_OWNER_NAMES: Zipf-like by surname rank. */
export const MASKED_OWNER_CUMULATIVE: Float64Array = (() => {
  const cumulative = new Float64Array(MASKED_OWNER_NAMES.length);
  let total = 0;
  for (let i = 0; i < MASKED_OWNER_NAMES.length; i++) {
    total += 1 / (Math.floor(i / 4) + 3);
    cumulative[i] = total;
  }
  for (let i = 0; i < cumulative.length; i++) cumulative[i] = (cumulative[i] ?? 0) / total;
  return cumulative;
})();

export function personName(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN_NAMES);
}

export type DepartmentSeed = { code: string; name: string; duty: string; phone: string };

export const DEPARTMENTS: readonly DepartmentSeed[] = [
  {
    code: 'zjw',
    name: '市住房城乡建设委（供热办）',
    duty: '供热行业主管：监管供热企业运行与服务质量，统筹保暖保供、考核与应急处置',
    phone: '022-23391188',
  },
  {
    code: 'fgw',
    name: '市发展改革委',
    duty: '热价与燃料价格管理，煤炭、天然气供应保障与合同履约协调',
    phone: '022-23142345',
  },
  {
    code: 'gaj',
    name: '市公安局',
    duty: '查处偷热、破坏供热设施等违法行为，维护供热秩序',
    phone: '022-24442000',
  },
  {
    code: 'scjg',
    name: '市市场监管局',
    duty: '查处供热乱收费、价格违法行为，特种设备（锅炉、压力容器）安全监察',
    phone: '022-23298311',
  },
  {
    code: 'yjj',
    name: '市应急管理局',
    duty: '供热安全生产监督，重大事故应急救援协调与寒潮等灾害应对',
    phone: '022-28450100',
  },
  {
    code: 'czj',
    name: '市财政局',
    duty: '供热补贴、困难群体采暖救助及清洁取暖改造资金保障',
    phone: '022-23303888',
  },
  {
    code: 'mzj',
    name: '市民政局',
    duty: '低保、特困、独居老人等困难群众采暖救助与走访排查',
    phone: '022-23145101',
  },
  {
    code: 'qxj',
    name: '市气象局',
    duty: '气温预报与寒潮预警，供热气候会商及开停暖气象服务',
    phone: '022-24242121',
  },
  {
    code: 'sthj',
    name: '市生态环境局',
    duty: '热源污染物排放监管，清洁取暖与燃煤锅炉改造环境监督',
    phone: '022-87671500',
  },
];
