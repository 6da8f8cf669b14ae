/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: cc283ea941500d428be29f83d10fbefa1d7e4133 */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_RunCloud_Client___construct, 0, 0, 3)
	ZEND_ARG_TYPE_INFO(0, token, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, serverId, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, webAppId, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_RunCloud_Client_withApiKey, 0, 4, RunCloud\\Client, 0)
	ZEND_ARG_TYPE_INFO(0, apiKey, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, apiSecret, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, serverId, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, webAppId, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_RunCloud_Client_fromConstants, 0, 0, RunCloud\\Client, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_RunCloud_Client_normalizeDomain, 0, 1, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, name, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_RunCloud_Client_ping, 0, 0, _IS_BOOL, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_RunCloud_Client_listDomains, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_RunCloud_Client_findDomain, 0, 1, RunCloud\\Domain, 1)
	ZEND_ARG_TYPE_INFO(0, name, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_RunCloud_Client_addDomain, 0, 1, RunCloud\\Domain, 0)
	ZEND_ARG_TYPE_INFO(0, name, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, www, _IS_BOOL, 0, "false")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, redirection, IS_STRING, 0, "\"none\"")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, type, IS_STRING, 0, "\"alias\"")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_RunCloud_Client_removeDomain, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_OBJ_TYPE_MASK(0, name, RunCloud\\Domain, MAY_BE_STRING|MAY_BE_LONG, NULL)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_RunCloud_Client_ssl, 0, 0, RunCloud\\Ssl, 1)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_RunCloud_Client_installSsl, 0, 0, RunCloud\\Ssl, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, settings, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

#define arginfo_class_RunCloud_Client_redeploySsl arginfo_class_RunCloud_Client_ping

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_RunCloud_Client_addDomains, 0, 1, RunCloud\\SyncResult, 0)
	ZEND_ARG_TYPE_INFO(0, names, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

#define arginfo_class_RunCloud_Client_removeDomains arginfo_class_RunCloud_Client_addDomains

#define arginfo_class_RunCloud_Client_syncDomains arginfo_class_RunCloud_Client_addDomains

#define arginfo_class_RunCloud_Client_listServers arginfo_class_RunCloud_Client_listDomains

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_RunCloud_Client_listWebApps, 0, 0, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, serverId, IS_LONG, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_RunCloud_Client_request, 0, 2, IS_MIXED, 0)
	ZEND_ARG_TYPE_INFO(0, method, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, path, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, body, IS_ARRAY, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, query, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_RunCloud_Client_listAll, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, path, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, query, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_RunCloud_Client_rateLimit, 0, 0, IS_ARRAY, 1)
ZEND_END_ARG_INFO()

#define arginfo_class_RunCloud_Client_sslMode arginfo_class_RunCloud_Client_listDomains

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_RunCloud_Client_setSslMode, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, advanced, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, autoSsl, _IS_BOOL, 0, "false")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_RunCloud_Client_domainSsl, 0, 1, RunCloud\\Ssl, 1)
	ZEND_ARG_OBJ_TYPE_MASK(0, domain, RunCloud\\Domain, MAY_BE_STRING|MAY_BE_LONG, NULL)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_RunCloud_Client_installDomainSsl, 0, 1, RunCloud\\Ssl, 0)
	ZEND_ARG_OBJ_TYPE_MASK(0, domain, RunCloud\\Domain, MAY_BE_STRING|MAY_BE_LONG, NULL)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, settings, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_RunCloud_Client_redeployDomainSsl, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_OBJ_TYPE_MASK(0, domain, RunCloud\\Domain, MAY_BE_STRING|MAY_BE_LONG, NULL)
ZEND_END_ARG_INFO()

#define arginfo_class_RunCloud_Client_removeDomainSsl arginfo_class_RunCloud_Client_redeployDomainSsl

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_RunCloud_Domain___construct, 0, 0, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_RunCloud_Ssl___construct arginfo_class_RunCloud_Domain___construct

#define arginfo_class_RunCloud_SyncResult___construct arginfo_class_RunCloud_Domain___construct

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_RunCloud_RequestException_getMethod, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_RunCloud_RequestException_getPath arginfo_class_RunCloud_RequestException_getMethod

#define arginfo_class_RunCloud_RequestException_wasSent arginfo_class_RunCloud_Client_ping

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_RunCloud_ApiException_getStatusCode, 0, 0, IS_LONG, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_RunCloud_ApiException_getApiMessage arginfo_class_RunCloud_RequestException_getMethod

#define arginfo_class_RunCloud_ApiException_getErrors arginfo_class_RunCloud_Client_listDomains

#define arginfo_class_RunCloud_ApiException_getMethod arginfo_class_RunCloud_RequestException_getMethod

#define arginfo_class_RunCloud_ApiException_getPath arginfo_class_RunCloud_RequestException_getMethod

#define arginfo_class_RunCloud_ApiException_wasSent arginfo_class_RunCloud_Client_ping

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_RunCloud_RateLimitException_getRetryAfter, 0, 0, IS_LONG, 1)
ZEND_END_ARG_INFO()

#define arginfo_class_RunCloud_TransportException_getMethod arginfo_class_RunCloud_RequestException_getMethod

#define arginfo_class_RunCloud_TransportException_getPath arginfo_class_RunCloud_RequestException_getMethod

#define arginfo_class_RunCloud_TransportException_wasSent arginfo_class_RunCloud_Client_ping

#define arginfo_class_RunCloud_UnexpectedResponseException_getMethod arginfo_class_RunCloud_RequestException_getMethod

#define arginfo_class_RunCloud_UnexpectedResponseException_getPath arginfo_class_RunCloud_RequestException_getMethod

#define arginfo_class_RunCloud_UnexpectedResponseException_wasSent arginfo_class_RunCloud_Client_ping

#define arginfo_class_RunCloud_ThrottledException_getMethod arginfo_class_RunCloud_RequestException_getMethod

#define arginfo_class_RunCloud_ThrottledException_getPath arginfo_class_RunCloud_RequestException_getMethod

#define arginfo_class_RunCloud_ThrottledException_wasSent arginfo_class_RunCloud_Client_ping

#define arginfo_class_RunCloud_ThrottledException_getRetryAfter arginfo_class_RunCloud_ApiException_getStatusCode

#define arginfo_class_RunCloud_DomainNotFoundException_getDomain arginfo_class_RunCloud_RequestException_getMethod


ZEND_METHOD(RunCloud_Client, __construct);
ZEND_METHOD(RunCloud_Client, withApiKey);
ZEND_METHOD(RunCloud_Client, fromConstants);
ZEND_METHOD(RunCloud_Client, normalizeDomain);
ZEND_METHOD(RunCloud_Client, ping);
ZEND_METHOD(RunCloud_Client, listDomains);
ZEND_METHOD(RunCloud_Client, findDomain);
ZEND_METHOD(RunCloud_Client, addDomain);
ZEND_METHOD(RunCloud_Client, removeDomain);
ZEND_METHOD(RunCloud_Client, ssl);
ZEND_METHOD(RunCloud_Client, installSsl);
ZEND_METHOD(RunCloud_Client, redeploySsl);
ZEND_METHOD(RunCloud_Client, addDomains);
ZEND_METHOD(RunCloud_Client, removeDomains);
ZEND_METHOD(RunCloud_Client, syncDomains);
ZEND_METHOD(RunCloud_Client, listServers);
ZEND_METHOD(RunCloud_Client, listWebApps);
ZEND_METHOD(RunCloud_Client, request);
ZEND_METHOD(RunCloud_Client, listAll);
ZEND_METHOD(RunCloud_Client, rateLimit);
ZEND_METHOD(RunCloud_Client, sslMode);
ZEND_METHOD(RunCloud_Client, setSslMode);
ZEND_METHOD(RunCloud_Client, domainSsl);
ZEND_METHOD(RunCloud_Client, installDomainSsl);
ZEND_METHOD(RunCloud_Client, redeployDomainSsl);
ZEND_METHOD(RunCloud_Client, removeDomainSsl);
ZEND_METHOD(RunCloud_Domain, __construct);
ZEND_METHOD(RunCloud_Ssl, __construct);
ZEND_METHOD(RunCloud_SyncResult, __construct);
ZEND_METHOD(RunCloud_ApiException, getStatusCode);
ZEND_METHOD(RunCloud_ApiException, getApiMessage);
ZEND_METHOD(RunCloud_ApiException, getErrors);
ZEND_METHOD(RunCloud_ApiException, getMethod);
ZEND_METHOD(RunCloud_ApiException, getPath);
ZEND_METHOD(RunCloud_ApiException, wasSent);
ZEND_METHOD(RunCloud_RateLimitException, getRetryAfter);
ZEND_METHOD(RunCloud_TransportException, getMethod);
ZEND_METHOD(RunCloud_TransportException, getPath);
ZEND_METHOD(RunCloud_TransportException, wasSent);
ZEND_METHOD(RunCloud_UnexpectedResponseException, getMethod);
ZEND_METHOD(RunCloud_UnexpectedResponseException, getPath);
ZEND_METHOD(RunCloud_UnexpectedResponseException, wasSent);
ZEND_METHOD(RunCloud_ThrottledException, getMethod);
ZEND_METHOD(RunCloud_ThrottledException, getPath);
ZEND_METHOD(RunCloud_ThrottledException, wasSent);
ZEND_METHOD(RunCloud_ThrottledException, getRetryAfter);
ZEND_METHOD(RunCloud_DomainNotFoundException, getDomain);


static const zend_function_entry class_RunCloud_Client_methods[] = {
	ZEND_ME(RunCloud_Client, __construct, arginfo_class_RunCloud_Client___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(RunCloud_Client, withApiKey, arginfo_class_RunCloud_Client_withApiKey, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(RunCloud_Client, fromConstants, arginfo_class_RunCloud_Client_fromConstants, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(RunCloud_Client, normalizeDomain, arginfo_class_RunCloud_Client_normalizeDomain, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(RunCloud_Client, ping, arginfo_class_RunCloud_Client_ping, ZEND_ACC_PUBLIC)
	ZEND_ME(RunCloud_Client, listDomains, arginfo_class_RunCloud_Client_listDomains, ZEND_ACC_PUBLIC)
	ZEND_ME(RunCloud_Client, findDomain, arginfo_class_RunCloud_Client_findDomain, ZEND_ACC_PUBLIC)
	ZEND_ME(RunCloud_Client, addDomain, arginfo_class_RunCloud_Client_addDomain, ZEND_ACC_PUBLIC)
	ZEND_ME(RunCloud_Client, removeDomain, arginfo_class_RunCloud_Client_removeDomain, ZEND_ACC_PUBLIC)
	ZEND_ME(RunCloud_Client, ssl, arginfo_class_RunCloud_Client_ssl, ZEND_ACC_PUBLIC)
	ZEND_ME(RunCloud_Client, installSsl, arginfo_class_RunCloud_Client_installSsl, ZEND_ACC_PUBLIC)
	ZEND_ME(RunCloud_Client, redeploySsl, arginfo_class_RunCloud_Client_redeploySsl, ZEND_ACC_PUBLIC)
	ZEND_ME(RunCloud_Client, addDomains, arginfo_class_RunCloud_Client_addDomains, ZEND_ACC_PUBLIC)
	ZEND_ME(RunCloud_Client, removeDomains, arginfo_class_RunCloud_Client_removeDomains, ZEND_ACC_PUBLIC)
	ZEND_ME(RunCloud_Client, syncDomains, arginfo_class_RunCloud_Client_syncDomains, ZEND_ACC_PUBLIC)
	ZEND_ME(RunCloud_Client, listServers, arginfo_class_RunCloud_Client_listServers, ZEND_ACC_PUBLIC)
	ZEND_ME(RunCloud_Client, listWebApps, arginfo_class_RunCloud_Client_listWebApps, ZEND_ACC_PUBLIC)
	ZEND_ME(RunCloud_Client, request, arginfo_class_RunCloud_Client_request, ZEND_ACC_PUBLIC)
	ZEND_ME(RunCloud_Client, listAll, arginfo_class_RunCloud_Client_listAll, ZEND_ACC_PUBLIC)
	ZEND_ME(RunCloud_Client, rateLimit, arginfo_class_RunCloud_Client_rateLimit, ZEND_ACC_PUBLIC)
	ZEND_ME(RunCloud_Client, sslMode, arginfo_class_RunCloud_Client_sslMode, ZEND_ACC_PUBLIC)
	ZEND_ME(RunCloud_Client, setSslMode, arginfo_class_RunCloud_Client_setSslMode, ZEND_ACC_PUBLIC)
	ZEND_ME(RunCloud_Client, domainSsl, arginfo_class_RunCloud_Client_domainSsl, ZEND_ACC_PUBLIC)
	ZEND_ME(RunCloud_Client, installDomainSsl, arginfo_class_RunCloud_Client_installDomainSsl, ZEND_ACC_PUBLIC)
	ZEND_ME(RunCloud_Client, redeployDomainSsl, arginfo_class_RunCloud_Client_redeployDomainSsl, ZEND_ACC_PUBLIC)
	ZEND_ME(RunCloud_Client, removeDomainSsl, arginfo_class_RunCloud_Client_removeDomainSsl, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_RunCloud_Domain_methods[] = {
	ZEND_ME(RunCloud_Domain, __construct, arginfo_class_RunCloud_Domain___construct, ZEND_ACC_PRIVATE)
	ZEND_FE_END
};


static const zend_function_entry class_RunCloud_Ssl_methods[] = {
	ZEND_ME(RunCloud_Ssl, __construct, arginfo_class_RunCloud_Ssl___construct, ZEND_ACC_PRIVATE)
	ZEND_FE_END
};


static const zend_function_entry class_RunCloud_SyncResult_methods[] = {
	ZEND_ME(RunCloud_SyncResult, __construct, arginfo_class_RunCloud_SyncResult___construct, ZEND_ACC_PRIVATE)
	ZEND_FE_END
};


static const zend_function_entry class_RunCloud_Exception_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_RunCloud_RequestException_methods[] = {
	ZEND_ABSTRACT_ME_WITH_FLAGS(RunCloud_RequestException, getMethod, arginfo_class_RunCloud_RequestException_getMethod, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(RunCloud_RequestException, getPath, arginfo_class_RunCloud_RequestException_getPath, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_ABSTRACT_ME_WITH_FLAGS(RunCloud_RequestException, wasSent, arginfo_class_RunCloud_RequestException_wasSent, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_FE_END
};


static const zend_function_entry class_RunCloud_ApiException_methods[] = {
	ZEND_ME(RunCloud_ApiException, getStatusCode, arginfo_class_RunCloud_ApiException_getStatusCode, ZEND_ACC_PUBLIC)
	ZEND_ME(RunCloud_ApiException, getApiMessage, arginfo_class_RunCloud_ApiException_getApiMessage, ZEND_ACC_PUBLIC)
	ZEND_ME(RunCloud_ApiException, getErrors, arginfo_class_RunCloud_ApiException_getErrors, ZEND_ACC_PUBLIC)
	ZEND_ME(RunCloud_ApiException, getMethod, arginfo_class_RunCloud_ApiException_getMethod, ZEND_ACC_PUBLIC)
	ZEND_ME(RunCloud_ApiException, getPath, arginfo_class_RunCloud_ApiException_getPath, ZEND_ACC_PUBLIC)
	ZEND_ME(RunCloud_ApiException, wasSent, arginfo_class_RunCloud_ApiException_wasSent, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_RunCloud_AuthenticationException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_RunCloud_NotFoundException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_RunCloud_ValidationException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_RunCloud_RateLimitException_methods[] = {
	ZEND_ME(RunCloud_RateLimitException, getRetryAfter, arginfo_class_RunCloud_RateLimitException_getRetryAfter, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_RunCloud_ServerException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_RunCloud_TransportException_methods[] = {
	ZEND_ME(RunCloud_TransportException, getMethod, arginfo_class_RunCloud_TransportException_getMethod, ZEND_ACC_PUBLIC)
	ZEND_ME(RunCloud_TransportException, getPath, arginfo_class_RunCloud_TransportException_getPath, ZEND_ACC_PUBLIC)
	ZEND_ME(RunCloud_TransportException, wasSent, arginfo_class_RunCloud_TransportException_wasSent, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_RunCloud_UnexpectedResponseException_methods[] = {
	ZEND_ME(RunCloud_UnexpectedResponseException, getMethod, arginfo_class_RunCloud_UnexpectedResponseException_getMethod, ZEND_ACC_PUBLIC)
	ZEND_ME(RunCloud_UnexpectedResponseException, getPath, arginfo_class_RunCloud_UnexpectedResponseException_getPath, ZEND_ACC_PUBLIC)
	ZEND_ME(RunCloud_UnexpectedResponseException, wasSent, arginfo_class_RunCloud_UnexpectedResponseException_wasSent, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_RunCloud_ThrottledException_methods[] = {
	ZEND_ME(RunCloud_ThrottledException, getMethod, arginfo_class_RunCloud_ThrottledException_getMethod, ZEND_ACC_PUBLIC)
	ZEND_ME(RunCloud_ThrottledException, getPath, arginfo_class_RunCloud_ThrottledException_getPath, ZEND_ACC_PUBLIC)
	ZEND_ME(RunCloud_ThrottledException, wasSent, arginfo_class_RunCloud_ThrottledException_wasSent, ZEND_ACC_PUBLIC)
	ZEND_ME(RunCloud_ThrottledException, getRetryAfter, arginfo_class_RunCloud_ThrottledException_getRetryAfter, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_RunCloud_SslModeException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_RunCloud_DomainNotFoundException_methods[] = {
	ZEND_ME(RunCloud_DomainNotFoundException, getDomain, arginfo_class_RunCloud_DomainNotFoundException_getDomain, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_RunCloud_BusyException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_RunCloud_ConfigurationException_methods[] = {
	ZEND_FE_END
};

static zend_class_entry *register_class_RunCloud_Client(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "RunCloud", "Client", class_RunCloud_Client_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	zval const_VERSION_value;
	zend_string *const_VERSION_value_str = zend_string_init(PHP_RUNCLOUD_VERSION, strlen(PHP_RUNCLOUD_VERSION), 1);
	ZVAL_STR(&const_VERSION_value, const_VERSION_value_str);
	zend_string *const_VERSION_name = zend_string_init_interned("VERSION", sizeof("VERSION") - 1, 1);
	zend_declare_class_constant_ex(class_entry, const_VERSION_name, &const_VERSION_value, ZEND_ACC_PUBLIC, NULL);
	zend_string_release(const_VERSION_name);


	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "__construct", sizeof("__construct") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "withapikey", sizeof("withapikey") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "withapikey", sizeof("withapikey") - 1), 1, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	return class_entry;
}

static zend_class_entry *register_class_RunCloud_Domain(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "RunCloud", "Domain", class_RunCloud_Domain_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES;

	zval property_id_default_value;
	ZVAL_UNDEF(&property_id_default_value);
	zend_string *property_id_name = zend_string_init("id", sizeof("id") - 1, 1);
	zend_declare_typed_property(class_entry, property_id_name, &property_id_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_id_name);

	zval property_name_default_value;
	ZVAL_UNDEF(&property_name_default_value);
	zend_string *property_name_name = zend_string_init("name", sizeof("name") - 1, 1);
	zend_declare_typed_property(class_entry, property_name_name, &property_name_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_name_name);

	zval property_type_default_value;
	ZVAL_UNDEF(&property_type_default_value);
	zend_string *property_type_name = zend_string_init("type", sizeof("type") - 1, 1);
	zend_declare_typed_property(class_entry, property_type_name, &property_type_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_type_name);

	zval property_www_default_value;
	ZVAL_UNDEF(&property_www_default_value);
	zend_string *property_www_name = zend_string_init("www", sizeof("www") - 1, 1);
	zend_declare_typed_property(class_entry, property_www_name, &property_www_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_BOOL));
	zend_string_release(property_www_name);

	zval property_redirection_default_value;
	ZVAL_UNDEF(&property_redirection_default_value);
	zend_string *property_redirection_name = zend_string_init("redirection", sizeof("redirection") - 1, 1);
	zend_declare_typed_property(class_entry, property_redirection_name, &property_redirection_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_redirection_name);

	zval property_wildcard_default_value;
	ZVAL_UNDEF(&property_wildcard_default_value);
	zend_string *property_wildcard_name = zend_string_init("wildcard", sizeof("wildcard") - 1, 1);
	zend_declare_typed_property(class_entry, property_wildcard_name, &property_wildcard_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_BOOL));
	zend_string_release(property_wildcard_name);

	zval property_dnsIntegration_default_value;
	ZVAL_UNDEF(&property_dnsIntegration_default_value);
	zend_string *property_dnsIntegration_name = zend_string_init("dnsIntegration", sizeof("dnsIntegration") - 1, 1);
	zend_declare_typed_property(class_entry, property_dnsIntegration_name, &property_dnsIntegration_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_dnsIntegration_name);

	zval property_status_default_value;
	ZVAL_UNDEF(&property_status_default_value);
	zend_string *property_status_name = zend_string_init("status", sizeof("status") - 1, 1);
	zend_declare_typed_property(class_entry, property_status_name, &property_status_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_status_name);

	zval property_createdAt_default_value;
	ZVAL_UNDEF(&property_createdAt_default_value);
	zend_string *property_createdAt_name = zend_string_init("createdAt", sizeof("createdAt") - 1, 1);
	zend_declare_typed_property(class_entry, property_createdAt_name, &property_createdAt_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_createdAt_name);

	return class_entry;
}

static zend_class_entry *register_class_RunCloud_Ssl(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "RunCloud", "Ssl", class_RunCloud_Ssl_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES;

	zval property_id_default_value;
	ZVAL_UNDEF(&property_id_default_value);
	zend_string *property_id_name = zend_string_init("id", sizeof("id") - 1, 1);
	zend_declare_typed_property(class_entry, property_id_name, &property_id_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_id_name);

	zval property_method_default_value;
	ZVAL_UNDEF(&property_method_default_value);
	zend_string *property_method_name = zend_string_init("method", sizeof("method") - 1, 1);
	zend_declare_typed_property(class_entry, property_method_name, &property_method_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_method_name);

	zval property_enableHttp_default_value;
	ZVAL_UNDEF(&property_enableHttp_default_value);
	zend_string *property_enableHttp_name = zend_string_init("enableHttp", sizeof("enableHttp") - 1, 1);
	zend_declare_typed_property(class_entry, property_enableHttp_name, &property_enableHttp_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_BOOL));
	zend_string_release(property_enableHttp_name);

	zval property_enableHsts_default_value;
	ZVAL_UNDEF(&property_enableHsts_default_value);
	zend_string *property_enableHsts_name = zend_string_init("enableHsts", sizeof("enableHsts") - 1, 1);
	zend_declare_typed_property(class_entry, property_enableHsts_name, &property_enableHsts_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_BOOL));
	zend_string_release(property_enableHsts_name);

	zval property_authorizationMethod_default_value;
	ZVAL_UNDEF(&property_authorizationMethod_default_value);
	zend_string *property_authorizationMethod_name = zend_string_init("authorizationMethod", sizeof("authorizationMethod") - 1, 1);
	zend_declare_typed_property(class_entry, property_authorizationMethod_name, &property_authorizationMethod_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_authorizationMethod_name);

	zval property_staging_default_value;
	ZVAL_UNDEF(&property_staging_default_value);
	zend_string *property_staging_name = zend_string_init("staging", sizeof("staging") - 1, 1);
	zend_declare_typed_property(class_entry, property_staging_name, &property_staging_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_BOOL));
	zend_string_release(property_staging_name);

	zval property_validUntil_default_value;
	ZVAL_UNDEF(&property_validUntil_default_value);
	zend_string *property_validUntil_name = zend_string_init("validUntil", sizeof("validUntil") - 1, 1);
	zend_declare_typed_property(class_entry, property_validUntil_name, &property_validUntil_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_validUntil_name);

	zval property_renewalDate_default_value;
	ZVAL_UNDEF(&property_renewalDate_default_value);
	zend_string *property_renewalDate_name = zend_string_init("renewalDate", sizeof("renewalDate") - 1, 1);
	zend_declare_typed_property(class_entry, property_renewalDate_name, &property_renewalDate_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_renewalDate_name);

	zval property_createdAt_default_value;
	ZVAL_UNDEF(&property_createdAt_default_value);
	zend_string *property_createdAt_name = zend_string_init("createdAt", sizeof("createdAt") - 1, 1);
	zend_declare_typed_property(class_entry, property_createdAt_name, &property_createdAt_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_createdAt_name);

	return class_entry;
}

static zend_class_entry *register_class_RunCloud_SyncResult(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "RunCloud", "SyncResult", class_RunCloud_SyncResult_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES;

	zval property_added_default_value;
	ZVAL_UNDEF(&property_added_default_value);
	zend_string *property_added_name = zend_string_init("added", sizeof("added") - 1, 1);
	zend_declare_typed_property(class_entry, property_added_name, &property_added_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ARRAY));
	zend_string_release(property_added_name);

	zval property_removed_default_value;
	ZVAL_UNDEF(&property_removed_default_value);
	zend_string *property_removed_name = zend_string_init("removed", sizeof("removed") - 1, 1);
	zend_declare_typed_property(class_entry, property_removed_name, &property_removed_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ARRAY));
	zend_string_release(property_removed_name);

	zval property_unchanged_default_value;
	ZVAL_UNDEF(&property_unchanged_default_value);
	zend_string *property_unchanged_name = zend_string_init("unchanged", sizeof("unchanged") - 1, 1);
	zend_declare_typed_property(class_entry, property_unchanged_name, &property_unchanged_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ARRAY));
	zend_string_release(property_unchanged_name);

	zval property_failed_default_value;
	ZVAL_UNDEF(&property_failed_default_value);
	zend_string *property_failed_name = zend_string_init("failed", sizeof("failed") - 1, 1);
	zend_declare_typed_property(class_entry, property_failed_name, &property_failed_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ARRAY));
	zend_string_release(property_failed_name);

	zval property_dryRun_default_value;
	ZVAL_UNDEF(&property_dryRun_default_value);
	zend_string *property_dryRun_name = zend_string_init("dryRun", sizeof("dryRun") - 1, 1);
	zend_declare_typed_property(class_entry, property_dryRun_name, &property_dryRun_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_BOOL));
	zend_string_release(property_dryRun_name);

	return class_entry;
}

static zend_class_entry *register_class_RunCloud_Exception(zend_class_entry *class_entry_Throwable)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "RunCloud", "Exception", class_RunCloud_Exception_methods);
	class_entry = zend_register_internal_interface(&ce);
	zend_class_implements(class_entry, 1, class_entry_Throwable);

	return class_entry;
}

static zend_class_entry *register_class_RunCloud_RequestException(zend_class_entry *class_entry_RunCloud_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "RunCloud", "RequestException", class_RunCloud_RequestException_methods);
	class_entry = zend_register_internal_interface(&ce);
	zend_class_implements(class_entry, 1, class_entry_RunCloud_Exception);

	return class_entry;
}

static zend_class_entry *register_class_RunCloud_ApiException(zend_class_entry *class_entry_RuntimeException, zend_class_entry *class_entry_RunCloud_RequestException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "RunCloud", "ApiException", class_RunCloud_ApiException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_RuntimeException);
	zend_class_implements(class_entry, 1, class_entry_RunCloud_RequestException);

	zval property_errors_default_value;
	ZVAL_EMPTY_ARRAY(&property_errors_default_value);
	zend_string *property_errors_name = zend_string_init("errors", sizeof("errors") - 1, 1);
	zend_declare_typed_property(class_entry, property_errors_name, &property_errors_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ARRAY));
	zend_string_release(property_errors_name);

	zval property_apiMessage_default_value;
	ZVAL_EMPTY_STRING(&property_apiMessage_default_value);
	zend_string *property_apiMessage_name = zend_string_init("apiMessage", sizeof("apiMessage") - 1, 1);
	zend_declare_typed_property(class_entry, property_apiMessage_name, &property_apiMessage_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_apiMessage_name);

	zval property_method_default_value;
	ZVAL_EMPTY_STRING(&property_method_default_value);
	zend_string *property_method_name = zend_string_init("method", sizeof("method") - 1, 1);
	zend_declare_typed_property(class_entry, property_method_name, &property_method_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_method_name);

	zval property_path_default_value;
	ZVAL_EMPTY_STRING(&property_path_default_value);
	zend_string *property_path_name = zend_string_init("path", sizeof("path") - 1, 1);
	zend_declare_typed_property(class_entry, property_path_name, &property_path_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_path_name);

	zval property_sent_default_value;
	ZVAL_TRUE(&property_sent_default_value);
	zend_string *property_sent_name = zend_string_init("sent", sizeof("sent") - 1, 1);
	zend_declare_typed_property(class_entry, property_sent_name, &property_sent_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_BOOL));
	zend_string_release(property_sent_name);

	return class_entry;
}

static zend_class_entry *register_class_RunCloud_AuthenticationException(zend_class_entry *class_entry_RunCloud_ApiException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "RunCloud", "AuthenticationException", class_RunCloud_AuthenticationException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_RunCloud_ApiException);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	return class_entry;
}

static zend_class_entry *register_class_RunCloud_NotFoundException(zend_class_entry *class_entry_RunCloud_ApiException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "RunCloud", "NotFoundException", class_RunCloud_NotFoundException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_RunCloud_ApiException);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	return class_entry;
}

static zend_class_entry *register_class_RunCloud_ValidationException(zend_class_entry *class_entry_RunCloud_ApiException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "RunCloud", "ValidationException", class_RunCloud_ValidationException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_RunCloud_ApiException);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	return class_entry;
}

static zend_class_entry *register_class_RunCloud_RateLimitException(zend_class_entry *class_entry_RunCloud_ApiException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "RunCloud", "RateLimitException", class_RunCloud_RateLimitException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_RunCloud_ApiException);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	zval property_retryAfter_default_value;
	ZVAL_NULL(&property_retryAfter_default_value);
	zend_string *property_retryAfter_name = zend_string_init("retryAfter", sizeof("retryAfter") - 1, 1);
	zend_declare_typed_property(class_entry, property_retryAfter_name, &property_retryAfter_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG|MAY_BE_NULL));
	zend_string_release(property_retryAfter_name);

	return class_entry;
}

static zend_class_entry *register_class_RunCloud_ServerException(zend_class_entry *class_entry_RunCloud_ApiException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "RunCloud", "ServerException", class_RunCloud_ServerException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_RunCloud_ApiException);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	return class_entry;
}

static zend_class_entry *register_class_RunCloud_TransportException(zend_class_entry *class_entry_RuntimeException, zend_class_entry *class_entry_RunCloud_RequestException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "RunCloud", "TransportException", class_RunCloud_TransportException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_RuntimeException);
	class_entry->ce_flags |= ZEND_ACC_FINAL;
	zend_class_implements(class_entry, 1, class_entry_RunCloud_RequestException);

	zval property_method_default_value;
	ZVAL_EMPTY_STRING(&property_method_default_value);
	zend_string *property_method_name = zend_string_init("method", sizeof("method") - 1, 1);
	zend_declare_typed_property(class_entry, property_method_name, &property_method_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_method_name);

	zval property_path_default_value;
	ZVAL_EMPTY_STRING(&property_path_default_value);
	zend_string *property_path_name = zend_string_init("path", sizeof("path") - 1, 1);
	zend_declare_typed_property(class_entry, property_path_name, &property_path_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_path_name);

	zval property_sent_default_value;
	ZVAL_FALSE(&property_sent_default_value);
	zend_string *property_sent_name = zend_string_init("sent", sizeof("sent") - 1, 1);
	zend_declare_typed_property(class_entry, property_sent_name, &property_sent_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_BOOL));
	zend_string_release(property_sent_name);

	return class_entry;
}

static zend_class_entry *register_class_RunCloud_UnexpectedResponseException(zend_class_entry *class_entry_UnexpectedValueException, zend_class_entry *class_entry_RunCloud_RequestException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "RunCloud", "UnexpectedResponseException", class_RunCloud_UnexpectedResponseException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_UnexpectedValueException);
	class_entry->ce_flags |= ZEND_ACC_FINAL;
	zend_class_implements(class_entry, 1, class_entry_RunCloud_RequestException);

	zval property_method_default_value;
	ZVAL_EMPTY_STRING(&property_method_default_value);
	zend_string *property_method_name = zend_string_init("method", sizeof("method") - 1, 1);
	zend_declare_typed_property(class_entry, property_method_name, &property_method_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_method_name);

	zval property_path_default_value;
	ZVAL_EMPTY_STRING(&property_path_default_value);
	zend_string *property_path_name = zend_string_init("path", sizeof("path") - 1, 1);
	zend_declare_typed_property(class_entry, property_path_name, &property_path_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_path_name);

	zval property_sent_default_value;
	ZVAL_TRUE(&property_sent_default_value);
	zend_string *property_sent_name = zend_string_init("sent", sizeof("sent") - 1, 1);
	zend_declare_typed_property(class_entry, property_sent_name, &property_sent_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_BOOL));
	zend_string_release(property_sent_name);

	return class_entry;
}

static zend_class_entry *register_class_RunCloud_ThrottledException(zend_class_entry *class_entry_RuntimeException, zend_class_entry *class_entry_RunCloud_RequestException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "RunCloud", "ThrottledException", class_RunCloud_ThrottledException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_RuntimeException);
	class_entry->ce_flags |= ZEND_ACC_FINAL;
	zend_class_implements(class_entry, 1, class_entry_RunCloud_RequestException);

	zval property_method_default_value;
	ZVAL_EMPTY_STRING(&property_method_default_value);
	zend_string *property_method_name = zend_string_init("method", sizeof("method") - 1, 1);
	zend_declare_typed_property(class_entry, property_method_name, &property_method_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_method_name);

	zval property_path_default_value;
	ZVAL_EMPTY_STRING(&property_path_default_value);
	zend_string *property_path_name = zend_string_init("path", sizeof("path") - 1, 1);
	zend_declare_typed_property(class_entry, property_path_name, &property_path_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_path_name);

	zval property_sent_default_value;
	ZVAL_FALSE(&property_sent_default_value);
	zend_string *property_sent_name = zend_string_init("sent", sizeof("sent") - 1, 1);
	zend_declare_typed_property(class_entry, property_sent_name, &property_sent_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_BOOL));
	zend_string_release(property_sent_name);

	zval property_retryAfter_default_value;
	ZVAL_LONG(&property_retryAfter_default_value, 0);
	zend_string *property_retryAfter_name = zend_string_init("retryAfter", sizeof("retryAfter") - 1, 1);
	zend_declare_typed_property(class_entry, property_retryAfter_name, &property_retryAfter_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_retryAfter_name);

	return class_entry;
}

static zend_class_entry *register_class_RunCloud_SslModeException(zend_class_entry *class_entry_RuntimeException, zend_class_entry *class_entry_RunCloud_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "RunCloud", "SslModeException", class_RunCloud_SslModeException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_RuntimeException);
	class_entry->ce_flags |= ZEND_ACC_FINAL;
	zend_class_implements(class_entry, 1, class_entry_RunCloud_Exception);

	return class_entry;
}

static zend_class_entry *register_class_RunCloud_DomainNotFoundException(zend_class_entry *class_entry_RuntimeException, zend_class_entry *class_entry_RunCloud_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "RunCloud", "DomainNotFoundException", class_RunCloud_DomainNotFoundException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_RuntimeException);
	class_entry->ce_flags |= ZEND_ACC_FINAL;
	zend_class_implements(class_entry, 1, class_entry_RunCloud_Exception);

	zval property_domain_default_value;
	ZVAL_EMPTY_STRING(&property_domain_default_value);
	zend_string *property_domain_name = zend_string_init("domain", sizeof("domain") - 1, 1);
	zend_declare_typed_property(class_entry, property_domain_name, &property_domain_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_domain_name);

	return class_entry;
}

static zend_class_entry *register_class_RunCloud_BusyException(zend_class_entry *class_entry_LogicException, zend_class_entry *class_entry_RunCloud_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "RunCloud", "BusyException", class_RunCloud_BusyException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_LogicException);
	class_entry->ce_flags |= ZEND_ACC_FINAL;
	zend_class_implements(class_entry, 1, class_entry_RunCloud_Exception);

	return class_entry;
}

static zend_class_entry *register_class_RunCloud_ConfigurationException(zend_class_entry *class_entry_LogicException, zend_class_entry *class_entry_RunCloud_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "RunCloud", "ConfigurationException", class_RunCloud_ConfigurationException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_LogicException);
	class_entry->ce_flags |= ZEND_ACC_FINAL;
	zend_class_implements(class_entry, 1, class_entry_RunCloud_Exception);

	return class_entry;
}
