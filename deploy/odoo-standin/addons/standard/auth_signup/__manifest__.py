# -*- coding: utf-8 -*-
# golive stand-in manifest (only the keys a deployment pipeline reads)
{
    'name': 'Signup',
    'version': '1.0',
    'category': 'Hidden',
    'depends': ['base_setup', 'mail', 'web'],
    'license': 'LGPL-3',
    'author': 'Odoo S.A.',
    'auto_install': False,
    'installable': True,
}
