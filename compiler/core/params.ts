// The core's global parameters (`name = value` before the routes) and the
// kind of value each takes. Names and kinds follow Kamailio 5.6; they were
// checked one by one against its parser (see docs/dialect.md).

export type CoreParamKind =
  /** A non-negative number (`yes`/`no`/`on`/`off` are numbers too). */
  | 'int'
  /** A number that may be negative. */
  | 'intno'
  | 'string'
  /** A string, or a bare name (`user=kamailio`). */
  | 'name'
  /** `listen` / `alias`: one or more `[proto:]host[:port]` sockets. */
  | 'sockets'
  /** `advertised_address`: an IP address, a host name or a string. */
  | 'address'
  /** `log_facility=LOG_LOCAL0` */
  | 'facility'
  /** `udp_mtu_try_proto=TCP` */
  | 'proto'
  | 'ipv4'
  | 'ipv6'
  /** `tos`: a number or one of the IPTOS_* names. */
  | 'tos'
  /** `tls_method`: SSLv23, SSLv2, SSLv3, TLSv1. */
  | 'tls-method';

const KINDS: Record<CoreParamKind, string> = {
  int: 'check_via children disable_core_dump disable_sctp disable_tcp disable_tls tls_disable dns rev_dns dns_cache_del_nonexp dns_cache_delete_nonexpired dns_cache_flags dns_cache_gc_interval dns_cache_init dns_cache_max_ttl dns_cache_mem dns_cache_min_ttl dns_cache_negative_ttl dns_cache_rec_pref dns_naptr_ignore_rfc dns_retr_no dns_retr_time dns_search_full_match dns_servers_no dns_slow_query_ms dns_srv_lb dns_srv_loadbalancing dns_try_ipv6 dns_try_naptr dns_use_search_list use_dns_cache use_dns_failover dst_blocklist_expire dst_blocklist_ttl dst_blocklist_gc_interval dst_blocklist_init dst_blocklist_mem dst_blocklist_sctp_imask dst_blocklist_tcp_imask dst_blocklist_tls_imask dst_blocklist_udp_imask use_dst_blocklist enable_tls tls_enable enable_sctp exit_timeout ser_kill_timeout force_rport add_rport local_rport fork fork_delay modinit_delay http_reply_hack http_reply_parse latency_limit_action latency_limit_cfg latency_limit_db log_color log_prefix_mode log_stderror max_branches max_recursive_level max_while_loops maxbuffer mcast_loopback mcast_ttl mhomed mlock_pages msg_time onsend_route_reply open_files_limit phone2tel pmtu_discovery port pv_buffer_size pv_buffer_slots pv_cache_action pv_cache_limit real_time reply_to_via route_locks_size rt_policy rt_prio rt_timer1_policy rt_fast_timer_prio rt_ftimer_prio rt_timer1_prio rt_ftimer_policy rt_timer2_policy rt_stimer_policy rt_timer2_prio rt_stimer_prio sctp_children server_id server_signature shm shm_mem shm_mem_size shm_force_alloc sip_warning socket_workers async_workers async_usleep async_nonblock sql_buffer_size tcp_accept_aliases tcp_accept_haproxy tcp_accept_hep3 tcp_accept_no_cl tcp_accept_unique tcp_async tcp_buf_write tcp_children tcp_clone_rcvbuf tcp_conn_wq_max tcp_connection_match tcp_crlf_ping tcp_defer_accept tcp_delayed_ack tcp_fd_cache tcp_keepalive tcp_keepcnt tcp_keepidle tcp_keepintvl tcp_linger2 tcp_max_connections tcp_no_connect tcp_rd_buf_size tcp_reuse_port tcp_syncnt tcp_wq_blk_size tcp_wq_max tls_handshake_timeout tls_log tlslog tls_max_connections tls_port_no tls_require_certificate tls_send_timeout tls_verify udp4_raw_mtu udp4_raw_ttl udp_mtu verbose_startup wait_worker1_mode wait_worker1_time wait_worker1_usleep advertised_port auto_aliases bind_ipv6_link_local auto_bind_ipv6',
  intno: 'debug log_level corelog core_log dns_sctp_pref dns_sctp_preference dns_tcp_pref dns_tcp_preference dns_tls_pref dns_tls_preference dns_udp_pref dns_udp_preference ip_free_bind ipfreebind ip_nonlocal_bind latency_cfg_log latency_log mem_dbg memdbg mem_join mem_log memlog mem_safety mem_status_mode mem_summary received_route_mode sip_parser_log sip_parser_log_oneline sip_parser_mode tcp_connect_timeout tcp_connection_lifetime tcp_script_mode tcp_send_timeout tcp_wait_data udp4_raw',
  string: 'async_workers_group ipv6_hex_style log_engine_data log_engine_type log_name log_prefix server_header tls_ca_list tls_certificate tls_private_key uri_host_extra_chars user_agent_header version_table xavp_via_fields xavp_via_params',
  name: 'chroot mcast run_dir rundir wdir workdir user uid group gid tcp_poll_method',
  sockets: 'listen alias',
  address: 'advertised_address',
  facility: 'log_facility',
  proto: 'udp_mtu_try_proto',
  ipv4: 'tcp_source_ipv4',
  ipv6: 'tcp_source_ipv6',
  tos: 'tos',
  'tls-method': 'tls_method',
};

export const CORE_PARAMS: ReadonlyMap<string, CoreParamKind> = new Map(
  (Object.entries(KINDS) as Array<[CoreParamKind, string]>).flatMap(([kind, names]) => names.split(' ').map((n) => [n, kind] as const)),
);

/** syslog facility names accepted by log_facility. */
export const FACILITIES = new Set([
  'LOG_AUTH', 'LOG_AUTHPRIV', 'LOG_CRON', 'LOG_DAEMON', 'LOG_FTP', 'LOG_KERN', 'LOG_LPR', 'LOG_MAIL', 'LOG_NEWS',
  'LOG_SYSLOG', 'LOG_USER', 'LOG_UUCP', 'LOG_LOCAL0', 'LOG_LOCAL1', 'LOG_LOCAL2', 'LOG_LOCAL3', 'LOG_LOCAL4',
  'LOG_LOCAL5', 'LOG_LOCAL6', 'LOG_LOCAL7',
]);

export const TOS_NAMES = new Set(['IPTOS_LOWDELAY', 'IPTOS_THROUGHPUT', 'IPTOS_RELIABILITY', 'IPTOS_MINCOST', 'IPTOS_LOWCOST']);

export const TLS_METHODS = new Set(['SSLv23', 'sslv23', 'SSLV23', 'SSLv2', 'sslv2', 'SSLV2', 'SSLv3', 'sslv3', 'SSLV3', 'TLSv1', 'tlsv1', 'TLSV1']);

/** Transport names, as the script writes them. */
export const PROTOCOLS = new Set(['udp', 'UDP', 'tcp', 'TCP', 'tls', 'TLS', 'sctp', 'SCTP', 'ws', 'WS', 'wss', 'WSS']);
