<?php
/**
 * RunCloud's id of each domain this plugin added.
 *
 * @package RunCloud_Ultimate_Multisite
 */

namespace RunCloud_Ultimate_Multisite\Domains;

use RunCloud_Ultimate_Multisite\Storage\Settings;
use RunCloud_Ultimate_Multisite\Storage\State;

defined( 'ABSPATH' ) || exit;

/**
 * With the id a removal is one DELETE instead of a lookup and a DELETE, and a certificate job
 * addresses its domain without a lookup.
 *
 * One network option per name (PREFIX + md5 of the name): queue workers adding different domains at
 * the same time each write their own row, so none overwrites another's id (one option holding every
 * id would lose the updates of all but the last writer).
 */
final class Domain_Ids {

	const PREFIX = 'id_';

	/**
	 * State.
	 *
	 * @var State
	 */
	private $state;

	/**
	 * Settings.
	 *
	 * @var Settings
	 */
	private $settings;

	/**
	 * Constructor.
	 *
	 * @param State    $state    State.
	 * @param Settings $settings Settings.
	 */
	public function __construct( State $state, Settings $settings ) {
		$this->state    = $state;
		$this->settings = $settings;
	}

	/**
	 * Remembers $name's id on the configured web app.
	 *
	 * @param string $name Normalised name.
	 * @param int    $id   RunCloud domain id.
	 * @return void
	 */
	public function remember( $name, $id ) {
		if ( (int) $id <= 0 ) {
			return;
		}
		$this->state->set(
			self::key( $name ),
			array(
				'name' => (string) $name,
				'id'   => (int) $id,
				'app'  => $this->settings->webapp_key(),
			)
		);
	}

	/**
	 * The id of $name on the configured web app, 0 when unknown (or remembered for another web app).
	 *
	 * @param string $name Normalised name.
	 * @return int
	 */
	public function get( $name ) {
		$row = $this->state->get( self::key( $name ), array() );
		if ( ! is_array( $row ) || ( $row['name'] ?? '' ) !== $name || ( $row['app'] ?? '' ) !== $this->settings->webapp_key() ) {
			return 0;
		}

		return max( 0, (int) ( $row['id'] ?? 0 ) );
	}

	/**
	 * Forgets $name's id.
	 *
	 * @param string $name Normalised name.
	 * @return void
	 */
	public function forget( $name ) {
		$this->state->delete( self::key( $name ) );
	}

	/**
	 * Option name (without State's prefix) of $name's row.
	 *
	 * @param string $name Normalised name.
	 * @return string
	 */
	public static function key( $name ) {
		return self::PREFIX . md5( (string) $name );
	}
}
