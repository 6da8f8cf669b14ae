<?php
/**
 * The network's mapped domains and what RunCloud has of each, on the plugin's page.
 *
 * @package RunCloud_Ultimate_Multisite
 */

declare(strict_types=1);

namespace RunCloud_Ultimate_Multisite\Admin;

use RunCloud_Ultimate_Multisite\Domains\Domain_Name;
use RunCloud_Ultimate_Multisite\Domains\Ledger;
use RunCloud_Ultimate_Multisite\Domains\Wildcards;
use RunCloud_Ultimate_Multisite\Ssl\Basic_Redeploy;
use RunCloud_Ultimate_Multisite\Ultimate_Multisite\Logger;
use RunCloud_Ultimate_Multisite\Ultimate_Multisite\Mapped_Domains;

defined( 'ABSPATH' ) || exit;

/**
 * A WP_List_Table over Ultimate Multisite's domain records (one query per page, filtered by a search box), with what this plugin
 * remembers of each: RunCloud's id, the certificate's state and the last error. Nothing here asks RunCloud: a page view must cost
 * no API call, whatever the number of domains. Load only after WP_List_Table (Admin does).
 */
final class Domains_Table extends \WP_List_Table {

	const PER_PAGE = 20;

	/**
	 * Constructor.
	 *
	 * @param Mapped_Domains $mapped    Ultimate Multisite's domain records.
	 * @param Ledger         $ledger    What is known of each name: RunCloud's id, its certificate.
	 * @param Wildcards      $wildcards Wildcards.
	 * @param Basic_Redeploy $basic     The web app's certificate.
	 * @param Logger         $logger    The last failures.
	 */
	public function __construct( private readonly Mapped_Domains $mapped, private readonly Ledger $ledger, private readonly Wildcards $wildcards, private readonly Basic_Redeploy $basic, private readonly Logger $logger ) {
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
	public function get_columns(): array {
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

	/** Reads one page of domain records. */
	public function prepare_items(): void {
		$this->_column_headers = array( $this->get_columns(), array(), array() );

		$search      = isset( $_REQUEST['s'] ) ? sanitize_text_field( wp_unslash( $_REQUEST['s'] ) ) : ''; // phpcs:ignore WordPress.Security.NonceVerification -- a filter of what is shown.
		$found       = $this->mapped->search( $search, self::PER_PAGE, $this->get_pagenum() );
		$this->items = $found['records'];
		$this->set_pagination_args(
			array(
				'total_items' => $found['total'],
				'per_page'    => self::PER_PAGE,
			)
		);
	}

	/** No domains. */
	public function no_items(): void {
		esc_html_e( 'No mapped domains.', 'runcloud-ultimate-multisite' );
	}

	/**
	 * One cell, escaped: every value is a customer's or RunCloud's text.
	 *
	 * @param object $item        Ultimate Multisite's Domain.
	 * @param string $column_name Column.
	 */
	public function column_default( $item, $column_name ): string {
		$name = Domain_Name::normalize( (string) $item->get_domain() );

		switch ( $column_name ) {
			case 'domain':
				return esc_html( (string) $item->get_domain() );
			case 'site':
				$site = get_site( (int) $item->get_site_id() );
				return $site ? esc_html( sprintf( '%s (%d)', get_blog_option( $site->id, 'blogname' ), $site->id ) ) : '—';
			case 'runcloud':
				$id = $this->ledger->id( $name ); // 0 when RunCloud's id is not known (yet).
				return $id ? esc_html( (string) $id ) : ( isset( $this->ledger->tracked()[ $name ] ) ? esc_html__( 'added', 'runcloud-ultimate-multisite' ) : '—' );
			case 'certificate':
				return esc_html( $this->certificate( $name, (string) $item->get_stage() ) );
			case 'stage':
				return esc_html( method_exists( $item, 'get_stage_label' ) ? (string) $item->get_stage_label() : (string) $item->get_stage() );
			case 'secure':
				return $item->is_secure() ? esc_html__( 'yes', 'runcloud-ultimate-multisite' ) : esc_html__( 'no', 'runcloud-ultimate-multisite' );
			case 'error':
				foreach ( $this->logger->last_failures() as $failure ) {
					if ( false !== stripos( (string) $failure['message'], $name ) ) {
						return esc_html( gmdate( 'Y-m-d H:i', (int) $failure['time'] ) . ' UTC: ' . (string) $failure['message'] );
					}
				}
				return '';
		}
		return '';
	}

	/**
	 * What covers $name, from what the plugin remembers.
	 *
	 * @param string $name  Normalised name.
	 * @param string $stage Ultimate Multisite's stage of the record.
	 */
	private function certificate( string $name, string $stage ): string {
		if ( true === $this->wildcards->remembered( $name ) ) {
			/* translators: %s: wildcard domain */
			return sprintf( __( 'by the wildcard %s', 'runcloud-ultimate-multisite' ), $this->wildcards->candidate( $name ) );
		}
		$row = $this->ledger->certificate( $name );
		if ( $row && 'covered' === $row['status'] ) {
			return __( 'covered (its own certificate)', 'runcloud-ultimate-multisite' );
		}
		if ( $row && 'failed' === $row['status'] ) {
			/* translators: %s: RunCloud's message */
			return sprintf( __( 'failed: %s', 'runcloud-ultimate-multisite' ), (string) $row['error'] );
		}
		if ( ! $row && $this->basic->is_covered( $name ) ) {
			return __( 'covered (the web app\'s certificate)', 'runcloud-ultimate-multisite' );
		}
		$why = match ( true ) {
			'checking-dns' === $stage       => __( 'waiting for its DNS to point here', 'runcloud-ultimate-multisite' ),
			(bool) $row                     => __( 'certificate job queued', 'runcloud-ultimate-multisite' ),
			$this->basic->is_pending( $name ) => __( 'waiting for the next redeploy of the web app\'s certificate', 'runcloud-ultimate-multisite' ),
			default                         => '',
		};

		/* translators: %s: why */
		return '' === $why ? '—' : sprintf( __( 'pending: %s', 'runcloud-ultimate-multisite' ), $why );
	}
}
