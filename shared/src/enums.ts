// Stable keys, as const, each with its union type. Labels are display text and live beside the keys.

/** department: a handler account of one department (处置单位), sees only the cases dispatched to it. */
export const ROLES = ['worker', 'staff', 'admin', 'department'] as const;
export type Role = (typeof ROLES)[number];

export const AREA_LEVELS = ['district', 'street', 'community', 'grid'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];
export const AREA_LEVEL_LABELS: Record<AreaLevel, string> = {
  district: '区县',
  street: '街道/镇',
  community: '社区/村',
  grid: '网格',
};
/** The level a child of each level must have; a grid has no children. */
export const AREA_CHILD_LEVEL: Record<AreaLevel, AreaLevel | null> = {
  district: 'street',
  street: 'community',
  community: 'grid',
  grid: null,
};

export const TRADES = ['rider', 'courier', 'ride_hailing_driver', 'streamer', 'ecommerce', 'other'] as const;
export type Trade = (typeof TRADES)[number];
export const TRADE_LABELS: Record<Trade, string> = {
  rider: '外卖骑手',
  courier: '快递员',
  ride_hailing_driver: '网约车司机',
  streamer: '主播',
  ecommerce: '电商从业者',
  other: '其他',
};

export const STATION_KINDS = ['rest_station', 'service_center', 'commerce_station'] as const;
export type StationKind = (typeof STATION_KINDS)[number];
export const STATION_KIND_LABELS: Record<StationKind, string> = {
  rest_station: '爱心驿站',
  service_center: '党群服务中心',
  commerce_station: '电商服务站',
};

export const AMENITIES = [
  'drinking_water',
  'hot_water',
  'seating',
  'phone_charging',
  'ebike_charging',
  'restroom',
  'microwave',
  'first_aid',
  'umbrella',
  'air_conditioning',
  'wifi',
] as const;
export type Amenity = (typeof AMENITIES)[number];
export const AMENITY_LABELS: Record<Amenity, string> = {
  drinking_water: '饮用水',
  hot_water: '热水',
  seating: '休息座椅',
  phone_charging: '手机充电',
  ebike_charging: '电动车充电',
  restroom: '卫生间',
  microwave: '微波炉',
  first_aid: '急救箱',
  umbrella: '爱心雨伞',
  air_conditioning: '空调',
  wifi: '无线网络',
};

export const MEMBERSHIP_ROLES = ['residence', 'workplace'] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

export const ACTIVITY_TYPES = ['meeting', 'theme_day', 'volunteer', 'training'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/** Why points moved. Each (reason, sourceType, sourceId, userId) happens at most once: the ledger's unique key. */
export const POINTS_REASONS = ['report_accepted', 'report_accept_reversed', 'volunteer_check_in', 'volunteer_check_in_reversed', 'admin_adjustment', 'station_confirmed'] as const;
export type PointsReason = (typeof POINTS_REASONS)[number];
export const POINTS_REASON_LABELS: Record<PointsReason, string> = {
  report_accepted: '随手拍被采纳',
  report_accept_reversed: '随手拍采纳撤销',
  volunteer_check_in: '志愿服务报到',
  volunteer_check_in_reversed: '志愿服务报到撤销',
  admin_adjustment: '管理员调整',
  station_confirmed: '骑手确认驿站',
};

export const POINTS_SOURCE_TYPES = ['report', 'check_in', 'adjustment', 'station_confirm'] as const;
export type PointsSourceType = (typeof POINTS_SOURCE_TYPES)[number];
