<?php
/**
 * The network's mapped domains and what RunCloud has of each, on the plugin's page.
 *
 * @package RunCloud_Ultimate_Multisite
 */

namespace RunCloud_Ultimate_Multisite\Admin;

use RunCloud_Ultimate_Multisite\Domains\Domain_Name;
use RunCloud_Ultimate_Multisite\Plugin;

defined( 'ABSPATH' ) || exit;

/**
 * A WP_List_Table over Ultimate Multisite's domain records (one query per page, filtered by a
 * search box), with what this plugin remembers of each: RunCloud's id, the certificate's state
 * and the last error. Nothing here asks RunCloud: a page view must cost no API call, whatever
 * the number of domains. Load only after WP_List_Table (Admin does).
 */
final class Domains_Table extends \WP_List_Table {

	const PER_PAGE = 20;

	/**
	 * Plugin.
	 *
	 * @var Plugin
	 */
	private $plugin;

	/**
	 * Constructor.
	 *
	 * @param Plugin $plugin Plugin.
	 */
	public function __construct( Plugin $plugin ) {
		$this->plugin = $plugin;
		parent::__construct(
			array(
				'singular' => 'runcloud-domain',
				'plural'   => 'runcloud-domains',
				'ajax'     => false,
				'screen'   => 'settings_page_' . Admin::PAGE . '-network',
			)
		);
	}

	/**
	 * Columns.
	 *
	 * @return array<string, string>
	 */
	public function get_columns() {
		return array(
			'domain'      => __( 'Domain', 'runcloud-ultimate-multisite' ),
			'site'        => __( 'Site', 'runcloud-ultimate-multisite' ),
			'runcloud'    => __( 'On RunCloud (id)', 'runcloud-ultimate-multisite' ),
			'certificate' => __( 'Certificate', 'runcloud-ultimate-multisite' ),
			'stage'       => __( 'Ultimate Multisite stage', 'runcloud-ultimate-multisite' ),
			'secure'      => __( 'Secure (HTTPS)', 'runcloud-ultimate-multisite' ),
			'error'       => __( 'Last error', 'runcloud-ultimate-multisite' ),
		);
	}

	/**
	 * Reads one page of domain records.
	 *
	 * @return void
	 */
	public function prepare_items() {
		$this->_column_headers = array( $this->get_columns(), array(), array() );
		if ( ! function_exists( 'wu_get_domains' ) ) {
			$this->items = array();
			return;
		}

		$search = isset( $_REQUEST['s'] ) ? sanitize_text_field( wp_unslash( $_REQUEST['s'] ) ) : ''; // phpcs:ignore WordPress.Security.NonceVerification -- a filter of what is shown.
		$query  = array();
		if ( '' !== $search ) {
			$query['search'] = $search;
		}
		$total       = (int) wu_get_domains( $query + array( 'count' => true ) );
		$this->items = (array) wu_get_domains(
			$query + array(
				'number'  => self::PER_PAGE,
				'offset'  => ( $this->get_pagenum() - 1 ) * self::PER_PAGE,
				'orderby' => 'id',
				'order'   => 'DESC',
			)
		);
		$this->set_pagination_args(
			array(
				'total_items' => $total,
				'per_page'    => self::PER_PAGE,
			)
		);
	}

	/**
	 * No domains.
	 *
	 * @return void
	 */
	public function no_items() {
		esc_html_e( 'No mapped domains.', 'runcloud-ultimate-multisite' );
	}

	/**
	 * One cell, escaped: every value is a customer's or RunCloud's text.
	 *
	 * @param object $item        Ultimate Multisite's Domain.
	 * @param string $column_name Column.
	 * @return string
	 */
	public function column_default( $item, $column_name ) {
		$name = Domain_Name::normalize( (string) $item->get_domain() );

		switch ( $column_name ) {
			case 'domain':
				return esc_html( (string) $item->get_domain() );
			case 'site':
				$site = get_site( (int) $item->get_site_id() );
				return $site ? esc_html( sprintf( '%s (%d)', get_blog_option( $site->id, 'blogname' ), $site->id ) ) : '—';
			case 'runcloud':
				$id = $this->plugin->ledger->id( $name );
				return null === $id ? ( isset( $this->plugin->ledger->tracked()[ $name ] ) ? esc_html__( 'added', 'runcloud-ultimate-multisite' ) : '—' ) : esc_html( (string) $id );
			case 'certificate':
				return esc_html( $this->certificate( $name, (string) $item->get_stage() ) );
			case 'stage':
				return esc_html( method_exists( $item, 'get_stage_label' ) ? (string) $item->get_stage_label() : (string) $item->get_stage() );
			case 'secure':
				return $item->is_secure() ? esc_html__( 'yes', 'runcloud-ultimate-multisite' ) : esc_html__( 'no', 'runcloud-ultimate-multisite' );
			case 'error':
				return esc_html( $this->last_error( $name ) );
		}

		return '';
	}

	/**
	 * What covers $name, from what the plugin remembers.
	 *
	 * @param string $name  Normalised name.
	 * @param string $stage Ultimate Multisite's stage of the record.
	 * @return string
	 */
	private function certificate( $name, $stage ) {
		$wildcard = $this->plugin->wildcards->remembered( $name );
		if ( true === $wildcard ) {
			/* translators: %s: wildcard domain */
			return sprintf( __( 'by the wildcard %s', 'runcloud-ultimate-multisite' ), $this->plugin->wildcards->candidate( $name ) );
		}
		$dns = 'checking-dns' === $stage ? __( 'waiting for its DNS to point here', 'runcloud-ultimate-multisite' ) : '';

		$row = $this->plugin->ledger->certificate( $name );
		if ( $row ) {
			switch ( $row['status'] ) {
				case 'covered':
					return __( 'covered (its own certificate)', 'runcloud-ultimate-multisite' );
				case 'failed':
					/* translators: %s: RunCloud's message */
					return sprintf( __( 'failed: %s', 'runcloud-ultimate-multisite' ), (string) $row['error'] );
				default:
					/* translators: %s: why */
					return sprintf( __( 'pending: %s', 'runcloud-ultimate-multisite' ), $dns ? $dns : __( 'certificate job queued', 'runcloud-ultimate-multisite' ) );
			}
		}
		if ( $this->plugin->basic->is_covered( $name ) ) {
			return __( 'covered (the web app\'s certificate)', 'runcloud-ultimate-multisite' );
		}
		if ( $this->plugin->basic->is_pending( $name ) ) {
			/* translators: %s: why */
			return sprintf( __( 'pending: %s', 'runcloud-ultimate-multisite' ), $dns ? $dns : __( 'waiting for the next redeploy of the web app\'s certificate', 'runcloud-ultimate-multisite' ) );
		}
		if ( $dns ) {
			/* translators: %s: why */
			return sprintf( __( 'pending: %s', 'runcloud-ultimate-multisite' ), $dns );
		}

		return '—';
	}

	/**
	 * The newest failure that names $name (the last failures the page keeps).
	 *
	 * @param string $name Normalised name.
	 * @return string
	 */
	private function last_error( $name ) {
		foreach ( $this->plugin->logger->last_failures() as $failure ) {
			if ( false !== stripos( (string) $failure['message'], $name ) ) {
				return gmdate( 'Y-m-d H:i', (int) $failure['time'] ) . ' UTC: ' . (string) $failure['message'];
			}
		}

		return '';
	}
}
