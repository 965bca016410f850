// GB 50736-2012 Appendix A design outdoor temperatures of northern cities (data, shipped with the project).
//
// Source: /work/shared/data/standards/gb50736_appendixA_northern_cities.csv, copied unchanged:
// "# Subset transcribed from xuewei896/HVACIDA src/HVACIDA.Core/Resources/weather-db.csv (a generated transcription
// of GB 50736-2012 Appendix A Table A, 294 stations, stats period 1971~2000 unless noted). Values in degC."
// Licence: the standard's figures are public reference values; the transcription keeps its repository's licence.
// Columns: heating (供暖室外计算温度), winter ventilation, winter air conditioning, annual mean, extreme minimum, all ℃.

export type DesignStation = {
  stationId: string;
  province: string;
  /** city name in Chinese, the lookup key */
  city: string;
  /** 供暖室外计算温度 tw′, ℃ */
  heatingOutdoorTemp: number;
  winterVentOutdoorTemp: number;
  winterAcOutdoorTemp: number;
  annualMeanTemp: number;
  extremeMinTemp: number;
};

export const GB50736_SOURCE =
  'GB 50736-2012 Appendix A Table A (1971–2000), transcribed in xuewei896/HVACIDA src/HVACIDA.Core/Resources/weather-db.csv';

export const GB50736_STATIONS: readonly DesignStation[] = [
  {
    stationId: '54511',
    province: '北京',
    city: '北京',
    heatingOutdoorTemp: -7.6,
    winterVentOutdoorTemp: -3.6,
    winterAcOutdoorTemp: -9.9,
    annualMeanTemp: 12.3,
    extremeMinTemp: -18.3,
  },
  {
    stationId: '54527',
    province: '天津',
    city: '天津',
    heatingOutdoorTemp: -7,
    winterVentOutdoorTemp: -3.5,
    winterAcOutdoorTemp: -9.6,
    annualMeanTemp: 12.7,
    extremeMinTemp: -17.8,
  },
  {
    stationId: '53698',
    province: '河北',
    city: '石家庄',
    heatingOutdoorTemp: -6.2,
    winterVentOutdoorTemp: -2.3,
    winterAcOutdoorTemp: -8.8,
    annualMeanTemp: 13.4,
    extremeMinTemp: -19.3,
  },
  {
    stationId: '54534',
    province: '河北',
    city: '唐山',
    heatingOutdoorTemp: -9.2,
    winterVentOutdoorTemp: -5.1,
    winterAcOutdoorTemp: -11.6,
    annualMeanTemp: 11.5,
    extremeMinTemp: -22.7,
  },
  {
    stationId: '54602',
    province: '河北',
    city: '保定',
    heatingOutdoorTemp: -7,
    winterVentOutdoorTemp: -3.2,
    winterAcOutdoorTemp: -9.5,
    annualMeanTemp: 12.9,
    extremeMinTemp: -19.6,
  },
  {
    stationId: '54401',
    province: '河北',
    city: '张家口',
    heatingOutdoorTemp: -13.6,
    winterVentOutdoorTemp: -8.3,
    winterAcOutdoorTemp: -16.2,
    annualMeanTemp: 8.8,
    extremeMinTemp: -24.6,
  },
  {
    stationId: '53772',
    province: '山西',
    city: '太原',
    heatingOutdoorTemp: -10.1,
    winterVentOutdoorTemp: -5.5,
    winterAcOutdoorTemp: -12.8,
    annualMeanTemp: 10,
    extremeMinTemp: -22.7,
  },
  {
    stationId: '53487',
    province: '山西',
    city: '大同',
    heatingOutdoorTemp: -16.3,
    winterVentOutdoorTemp: -10.6,
    winterAcOutdoorTemp: -18.9,
    annualMeanTemp: 7,
    extremeMinTemp: -27.2,
  },
  {
    stationId: '53463',
    province: '内蒙古',
    city: '呼和浩特',
    heatingOutdoorTemp: -17,
    winterVentOutdoorTemp: -11.6,
    winterAcOutdoorTemp: -20.3,
    annualMeanTemp: 6.7,
    extremeMinTemp: -30.5,
  },
  {
    stationId: '53446',
    province: '内蒙古',
    city: '包头',
    heatingOutdoorTemp: -16.6,
    winterVentOutdoorTemp: -11.1,
    winterAcOutdoorTemp: -19.7,
    annualMeanTemp: 7.2,
    extremeMinTemp: -31.4,
  },
  {
    stationId: '54342',
    province: '辽宁',
    city: '沈阳',
    heatingOutdoorTemp: -16.9,
    winterVentOutdoorTemp: -11,
    winterAcOutdoorTemp: -20.7,
    annualMeanTemp: 8.4,
    extremeMinTemp: -29.4,
  },
  {
    stationId: '54662',
    province: '辽宁',
    city: '大连',
    heatingOutdoorTemp: -9.8,
    winterVentOutdoorTemp: -3.9,
    winterAcOutdoorTemp: -13,
    annualMeanTemp: 10.9,
    extremeMinTemp: -18.8,
  },
  {
    stationId: '54339',
    province: '辽宁',
    city: '鞍山',
    heatingOutdoorTemp: -15.1,
    winterVentOutdoorTemp: -8.6,
    winterAcOutdoorTemp: -18,
    annualMeanTemp: 9.6,
    extremeMinTemp: -26.9,
  },
  {
    stationId: '54161',
    province: '吉林',
    city: '长春',
    heatingOutdoorTemp: -21.1,
    winterVentOutdoorTemp: -15.1,
    winterAcOutdoorTemp: -24.3,
    annualMeanTemp: 5.7,
    extremeMinTemp: -33.0,
  },
  {
    stationId: '54172',
    province: '吉林',
    city: '吉林',
    heatingOutdoorTemp: -24,
    winterVentOutdoorTemp: -17.2,
    winterAcOutdoorTemp: -27.5,
    annualMeanTemp: 4.8,
    extremeMinTemp: -40.3,
  },
  {
    stationId: '50953',
    province: '黑龙江',
    city: '哈尔滨',
    heatingOutdoorTemp: -24.2,
    winterVentOutdoorTemp: -18.4,
    winterAcOutdoorTemp: -27.1,
    annualMeanTemp: 4.2,
    extremeMinTemp: -37.7,
  },
  {
    stationId: '50745',
    province: '黑龙江',
    city: '齐齐哈尔',
    heatingOutdoorTemp: -23.8,
    winterVentOutdoorTemp: -18.6,
    winterAcOutdoorTemp: -27.2,
    annualMeanTemp: 3.9,
    extremeMinTemp: -36.4,
  },
  {
    stationId: '54823',
    province: '山东',
    city: '济南',
    heatingOutdoorTemp: -5.3,
    winterVentOutdoorTemp: -0.4,
    winterAcOutdoorTemp: -7.7,
    annualMeanTemp: 14.7,
    extremeMinTemp: -14.9,
  },
  {
    stationId: '54857',
    province: '山东',
    city: '青岛',
    heatingOutdoorTemp: -5,
    winterVentOutdoorTemp: -0.5,
    winterAcOutdoorTemp: -7.2,
    annualMeanTemp: 12.7,
    extremeMinTemp: -14.3,
  },
  {
    stationId: '54765',
    province: '山东',
    city: '烟台',
    heatingOutdoorTemp: -5.8,
    winterVentOutdoorTemp: -1.1,
    winterAcOutdoorTemp: -8.1,
    annualMeanTemp: 12.7,
    extremeMinTemp: -12.8,
  },
  {
    stationId: '57083',
    province: '河南',
    city: '郑州',
    heatingOutdoorTemp: -3.8,
    winterVentOutdoorTemp: 0.1,
    winterAcOutdoorTemp: -6,
    annualMeanTemp: 14.3,
    extremeMinTemp: -17.9,
  },
  {
    stationId: '57073',
    province: '河南',
    city: '洛阳',
    heatingOutdoorTemp: -3,
    winterVentOutdoorTemp: 0.8,
    winterAcOutdoorTemp: -5.1,
    annualMeanTemp: 14.7,
    extremeMinTemp: -15.0,
  },
  {
    stationId: '57036',
    province: '陕西',
    city: '西安',
    heatingOutdoorTemp: -3.4,
    winterVentOutdoorTemp: -0.1,
    winterAcOutdoorTemp: -5.7,
    annualMeanTemp: 13.7,
    extremeMinTemp: -12.8,
  },
  {
    stationId: '52889',
    province: '甘肃',
    city: '兰州',
    heatingOutdoorTemp: -9,
    winterVentOutdoorTemp: -5.3,
    winterAcOutdoorTemp: -11.5,
    annualMeanTemp: 9.8,
    extremeMinTemp: -19.7,
  },
  {
    stationId: '52866',
    province: '青海',
    city: '西宁',
    heatingOutdoorTemp: -11.4,
    winterVentOutdoorTemp: -7.4,
    winterAcOutdoorTemp: -13.6,
    annualMeanTemp: 6.1,
    extremeMinTemp: -24.9,
  },
  {
    stationId: '53614',
    province: '宁夏',
    city: '银川',
    heatingOutdoorTemp: -13.1,
    winterVentOutdoorTemp: -7.9,
    winterAcOutdoorTemp: -17.3,
    annualMeanTemp: 9,
    extremeMinTemp: -27.7,
  },
  {
    stationId: '51463',
    province: '新疆',
    city: '乌鲁木齐',
    heatingOutdoorTemp: -19.7,
    winterVentOutdoorTemp: -12.7,
    winterAcOutdoorTemp: -23.7,
    annualMeanTemp: 7,
    extremeMinTemp: -32.8,
  },
  {
    stationId: '55591',
    province: '西藏',
    city: '拉萨',
    heatingOutdoorTemp: -5.2,
    winterVentOutdoorTemp: -1.6,
    winterAcOutdoorTemp: -7.6,
    annualMeanTemp: 8,
    extremeMinTemp: -16.5,
  },
];

/** The GB 50736 row of a city by its Chinese name (北京, 天津 …; a trailing 市 is ignored), or undefined. */
export function designStationOf(city: string): DesignStation | undefined {
  const name = city.trim().replace(/市$/, '');
  return GB50736_STATIONS.find((s) => s.city === name);
}

/** Design outdoor temperature for heating tw′ of a city (Chinese name), ℃, or undefined when not listed. */
export const designOutdoorTempOf = (city: string): number | undefined =>
  designStationOf(city)?.heatingOutdoorTemp;
