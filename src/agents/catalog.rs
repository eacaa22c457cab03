//! The parameter table of each agent hacc checks.

use super::Param;

const fn required(name: &'static str, doc: &'static str) -> Param {
    Param {
        name,
        required: true,
        doc,
    }
}

const fn optional(name: &'static str, doc: &'static str) -> Param {
    Param {
        name,
        required: false,
        doc,
    }
}

pub(super) const AGENTS: &[(&str, &[Param])] = &[
    ("ocf:heartbeat:anything", ANYTHING),
    ("ocf:pacemaker:Dummy", PACEMAKER_DUMMY),
    ("ocf:heartbeat:Dummy", HEARTBEAT_DUMMY),
    ("ocf:heartbeat:IPaddr2", IPADDR2),
    ("ocf:heartbeat:Filesystem", FILESYSTEM),
    ("ocf:heartbeat:apache", APACHE),
    ("ocf:heartbeat:nginx", NGINX),
    ("ocf:linbit:drbd", DRBD),
];

const ANYTHING: &[Param] = &[
    required(
        "binfile",
        "the program to run; it must keep running with the same pid",
    ),
    optional("cmdline_options", "arguments passed to the program"),
    optional("workdir", "directory the program starts in"),
    optional("pidfile", "where the agent records the program's pid"),
    optional("logfile", "where the program's standard output goes"),
    optional("errlogfile", "where the program's standard error goes"),
    optional("user", "user that runs the program (default root)"),
    optional(
        "monitor_hook",
        "extra command whose success the monitor also requires",
    ),
    optional(
        "stop_timeout",
        "seconds between SIGTERM and SIGKILL on stop",
    ),
];

const PACEMAKER_DUMMY: &[Param] = &[
    optional("state", "file that records whether the resource is running"),
    optional("passwd", "a secret-looking value, for testing"),
    optional("fake", "a value that can change without a restart (reload)"),
    optional("op_sleep", "seconds each operation sleeps"),
    optional("fail_start_on", "node on which start reports a failure"),
    optional("envfile", "file the environment is dumped to"),
];

const HEARTBEAT_DUMMY: &[Param] = &[
    optional("state", "file that records whether the resource is running"),
    optional("fake", "a value that can change without a restart (reload)"),
];

const IPADDR2: &[Param] = &[
    required("ip", "the floating IPv4 or IPv6 address"),
    optional("nic", "network interface the address is added to"),
    optional("cidr_netmask", "prefix length of the address, e.g. 24"),
    optional("broadcast", "broadcast address"),
    optional("iflabel", "label of the address on the interface"),
    optional("lvs_support", "LVS direct routing support"),
    optional("lvs_ipv6_addrlabel", "add an IPv6 address label"),
    optional("lvs_ipv6_addrlabel_value", "the IPv6 address label value"),
    optional("mac", "multicast MAC address for a cloned IP"),
    optional("clusterip_hash", "hashing of a cloned IP (sourceip, ...)"),
    optional(
        "unique_clone_address",
        "a distinct address per clone instance",
    ),
    optional("arp_interval", "milliseconds between gratuitous ARPs"),
    optional("arp_count", "gratuitous ARPs sent on start"),
    optional("arp_count_refresh", "gratuitous ARPs sent on each monitor"),
    optional("arp_bg", "send the ARPs in the background"),
    optional("arp_sender", "program that sends the ARPs"),
    optional("send_arp_opts", "extra options for the ARP sender"),
    optional("flush_routes", "flush the routing table on stop"),
    optional("run_arping", "check for address collisions with arping"),
    optional("nodad", "skip IPv6 duplicate address detection"),
    optional("noprefixroute", "do not add a prefix route"),
    optional("preferred_lft", "IPv6 preferred lifetime"),
    optional(
        "network_namespace",
        "network namespace the address goes into",
    ),
];

const FILESYSTEM: &[Param] = &[
    required("device", "block device, NFS export or label to mount"),
    required("directory", "mount point"),
    required("fstype", "file system type, e.g. ext4 or xfs"),
    optional("options", "mount options"),
    optional(
        "statusfile_prefix",
        "prefix of the status file the deep monitor writes",
    ),
    optional(
        "run_fsck",
        "when to run fsck before mounting (auto, force, no)",
    ),
    optional("fast_stop", "stop without waiting for processes to exit"),
    optional("force_clones", "allow cloning a non-cluster file system"),
    optional("force_unmount", "kill processes that keep the mount busy"),
];

const APACHE: &[Param] = &[
    optional("configfile", "httpd configuration file"),
    optional("httpd", "httpd binary"),
    optional("port", "port httpd listens on"),
    optional("statusurl", "URL the monitor fetches"),
    optional("testregex", "pattern the status page must match"),
    optional("client", "HTTP client the monitor uses (wget or curl)"),
    optional("testurl", "URL of the deep monitor"),
    optional("testregex10", "pattern of the deep monitor"),
    optional("testconffile", "file with deep monitor tests"),
    optional("testname", "test to run from that file"),
    optional("options", "extra httpd command line options"),
    optional("envfiles", "files sourced for the httpd environment"),
    optional("use_ipv6", "make the monitor use IPv6"),
];

const NGINX: &[Param] = &[
    optional("configfile", "nginx configuration file"),
    optional("httpd", "nginx binary"),
    optional("port", "port nginx listens on"),
    optional("status10url", "URL the monitor fetches"),
    optional("status10regex", "pattern the status page must match"),
    optional("testclient", "HTTP client the monitor uses"),
    optional("test20url", "URL of the level 20 monitor"),
    optional("test20regex", "pattern of the level 20 monitor"),
    optional("test20conffile", "file with level 20 monitor tests"),
    optional("test20name", "test to run from that file"),
    optional(
        "external_monitor30_cmd",
        "command run by the level 30 monitor",
    ),
    optional("options", "extra nginx command line options"),
];

const DRBD: &[Param] = &[
    required("drbd_resource", "name of the DRBD resource in drbd.conf"),
    optional("drbdconf", "path of drbd.conf"),
    optional(
        "adjust_master_score",
        "four promotion scores for the data states",
    ),
    optional(
        "stop_outdates_secondary",
        "mark a stopped secondary outdated",
    ),
    optional("ignore_missing_notifications", "run without notify=true"),
    optional(
        "wfc_timeout",
        "seconds start waits for the peers to connect",
    ),
    optional(
        "remove_master_score_if_peer_primary",
        "do not promote while a peer is primary",
    ),
    optional(
        "fail_promote_early_if_peer_primary",
        "try promotion once while a peer is primary",
    ),
    optional(
        "unfence_if_all_uptodate",
        "call the unfence hook once all disks are up to date",
    ),
    optional("unfence_extra_args", "extra arguments for the unfence hook"),
    optional(
        "require_drbd_module_version_ge",
        "lowest DRBD kernel module version accepted",
    ),
    optional(
        "require_drbd_module_version_lt",
        "first DRBD kernel module version refused",
    ),
    optional(
        "connect_only_after_promote",
        "stay disconnected until promoted",
    ),
];
