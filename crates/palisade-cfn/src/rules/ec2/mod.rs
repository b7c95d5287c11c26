pub(crate) mod imdsv2_not_required;
pub(crate) mod instance_public_ip;
pub(crate) mod launch_config_ebs_not_encrypted;
pub(crate) mod sg_egress_all_protocols;
pub(crate) mod sg_egress_open_world;
pub(crate) mod sg_egress_port_range;
pub(crate) mod sg_ingress_all_protocols;
pub(crate) mod sg_ingress_cidr_range;
pub(crate) mod sg_ingress_open_world;
pub(crate) mod sg_ingress_port_range;
pub(crate) mod sg_no_egress;
pub(crate) mod sg_rule_no_description;
pub(crate) mod subnet_public_ip;
pub(crate) mod util;
pub(crate) mod volume_not_encrypted;
pub(crate) mod volume_without_cmk;

use crate::rule::Rule;

/// This group's rules.
pub(crate) static RULES: &[&dyn Rule] = &[
    &sg_ingress_open_world::SgIngressOpenToWorld,
    &sg_egress_open_world::SgEgressOpenToWorld,
    &sg_ingress_all_protocols::SgIngressAllProtocols,
    &sg_egress_all_protocols::SgEgressAllProtocols,
    &sg_ingress_port_range::SgIngressPortRange,
    &sg_egress_port_range::SgEgressPortRange,
    &sg_rule_no_description::SgRuleWithoutDescription,
    &sg_ingress_cidr_range::SgIngressCidrNotSingleHost,
    &sg_no_egress::SgWithoutEgressRules,
    &volume_not_encrypted::EbsVolumeNotEncrypted,
    &volume_without_cmk::EbsVolumeWithoutCustomerKey,
    &launch_config_ebs_not_encrypted::LaunchConfigurationEbsNotEncrypted,
    &imdsv2_not_required::Imdsv2NotRequired,
    &subnet_public_ip::SubnetAssignsPublicIp,
    &instance_public_ip::InstancePublicIp,
];
