# -*- coding: utf-8 -*-
# golive stand-in manifest (only the keys a deployment pipeline reads)
{
    'name': 'Discuss',
    'version': '1.17',
    'category': 'Hidden',
    'depends': ['base', 'base_setup', 'bus', 'web'],
    'license': 'LGPL-3',
    'author': 'Odoo S.A.',
    'auto_install': False,
    'installable': True,
}
