/**
 * Code lists of the national standards (shared/design/standards.md): GB/T 39046-2020 Appendix A and the
 * exchange tables cited there. Loaded into `code_list` on every install; modules validate codes against them.
 */
export interface Code {
  code: string;
  zh: string;
  en: string;
}

export const codeLists: Record<string, Code[]> = {
  item_type: [
    { code: '00', zh: '行政权力事项', en: 'Administrative power' },
    { code: '01', zh: '行政许可', en: 'Administrative licensing' },
    { code: '02', zh: '行政处罚', en: 'Administrative penalty' },
    { code: '03', zh: '行政强制', en: 'Administrative coercion' },
    { code: '04', zh: '行政征收', en: 'Administrative levy' },
    { code: '05', zh: '行政给付', en: 'Administrative payment' },
    { code: '06', zh: '行政检查', en: 'Administrative inspection' },
    { code: '07', zh: '行政确认', en: 'Administrative confirmation' },
    { code: '08', zh: '行政奖励', en: 'Administrative award' },
    { code: '09', zh: '行政裁决', en: 'Administrative adjudication' },
    { code: '10', zh: '其他类别事项', en: 'Other power' },
    { code: '11', zh: '政府内部审批', en: 'Internal government approval' },
    { code: '20', zh: '公共服务事项', en: 'Public service' },
  ],
  use_level: [
    { code: '1', zh: '国家级', en: 'National' },
    { code: '2', zh: '省级', en: 'Provincial' },
    { code: '3', zh: '市级', en: 'City' },
    { code: '4', zh: '县级', en: 'County' },
    { code: '5', zh: '镇(乡、街道)级', en: 'Town' },
    { code: '6', zh: '村(社区)级', en: 'Village' },
    { code: '7', zh: '分级管理', en: 'Tiered' },
  ],
  implementer_nature: [
    { code: '1', zh: '法定机关', en: 'Statutory body' },
    { code: '2', zh: '授权组织', en: 'Authorised organisation' },
    { code: '3', zh: '受委托组织', en: 'Entrusted organisation' },
    { code: '9', zh: '其他', en: 'Other' },
  ],
  service_object: [
    { code: '1', zh: '自然人', en: 'Natural person' },
    { code: '2', zh: '企业法人', en: 'Enterprise' },
    { code: '3', zh: '事业法人', en: 'Public institution' },
    { code: '4', zh: '社会组织法人', en: 'Social organisation' },
    { code: '5', zh: '行政机关', en: 'Government body' },
    { code: '6', zh: '其他组织', en: 'Other organisation' },
  ],
  handling_form: [
    { code: '1', zh: '窗口办理', en: 'At the window' },
    { code: '2', zh: '电脑端网上办理', en: 'Online (PC)' },
    { code: '3', zh: '移动端网上申请', en: 'Online (mobile)' },
    { code: '4', zh: '快递申请', en: 'By express post' },
    { code: '9', zh: '其他', en: 'Other' },
  ],
  case_type: [
    { code: '1', zh: '即办件', en: 'On-the-spot case' },
    { code: '2', zh: '承诺件', en: 'Promised case' },
    { code: '9', zh: '其他', en: 'Other' },
  ],
  case_outcome: [
    { code: '0', zh: '出证办结(准予许可)', en: 'Granted' },
    { code: '1', zh: '不予许可', en: 'Denied' },
    { code: '2', zh: '作废办结', en: 'Voided' },
    { code: '3', zh: '删除办结', en: 'Deleted' },
    { code: '4', zh: '转报办结', en: 'Transferred' },
    { code: '5', zh: '退件', en: 'Returned' },
    { code: '6', zh: '不予受理', en: 'Refused to accept' },
  ],
  special_procedure: [
    { code: '1', zh: '延长审批', en: 'Extension' },
    { code: '2', zh: '除延长审批之外的情况', en: 'Other special procedure' },
  ],
  rating_level: [
    { code: '1', zh: '非常满意', en: 'Very satisfied' },
    { code: '2', zh: '满意', en: 'Satisfied' },
    { code: '3', zh: '基本满意', en: 'Fairly satisfied' },
    { code: '4', zh: '不满意', en: 'Dissatisfied' },
    { code: '5', zh: '非常不满意', en: 'Very dissatisfied' },
  ],
  rating_channel: [
    { code: '1', zh: 'PC端', en: 'PC' },
    { code: '2', zh: '移动端', en: 'Mobile' },
    { code: '3', zh: '二维码', en: 'QR code' },
    { code: '4', zh: '政务大厅平板电脑', en: 'Hall tablet' },
    { code: '5', zh: '政务大厅其他终端', en: 'Other hall terminal' },
    { code: '6', zh: '电话', en: 'Phone' },
    { code: '7', zh: '短信', en: 'SMS' },
  ],
  yes_no: [
    { code: '1', zh: '是', en: 'Yes' },
    { code: '0', zh: '否', en: 'No' },
  ],
};
