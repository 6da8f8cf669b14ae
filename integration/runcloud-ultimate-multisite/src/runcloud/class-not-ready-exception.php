<?php
/**
 * The integration is not ready to talk to RunCloud.
 *
 * @package RunCloud_Ultimate_Multisite
 */

declare(strict_types=1);

namespace RunCloud_Ultimate_Multisite\RunCloud;

defined( 'ABSPATH' ) || exit;

/** Thrown when the integration is asked to talk to RunCloud without the extension or settings. */
final class Not_Ready_Exception extends \RuntimeException {}
